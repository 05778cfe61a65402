"""Signed checkpoints of the audit chain's head, kept outside the database.

Anyone who can write the database can edit an event and recompute every later hash, or delete the
newest events and rewind the head row: the chain is then whole again. A checkpoint is what such an
edit cannot reach: the id and hash of the chain's newest event at a moment, signed with an Ed25519
key that lives in the user's configuration folder (never in the database; created on first use,
readable by its owner only), written to the data folder of the workstation and beside each daily
backup. ``audit verify`` reads the checkpoints it finds and compares: the event a checkpoint names
must still be there with the same hash. It then says how far back the chain is vouched for.

A checkpoint belongs to one database: it names the hash of the chain's first event (the same in
every copy and backup of that database) and where the database was. Checkpoints signed by a key
that is neither this workstation's nor listed in the ``trusted`` folder beside it are not trusted.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import socket
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mediation_app.clock import Clock
from mediation_app.paths import APP_AUTHOR, APP_NAME, data_dir

log = logging.getLogger(__name__)

FORMAT = 1
KEY_FILE = "checkpoint-key.pem"
SUFFIX = ".checkpoint.json"


def key_dir() -> Path:
    """Where the signing key lives: ``MEDIATION_KEY_DIR``; beside the data of a portable or test
    install (``MEDIATION_DATA_DIR``); else the user's configuration folder."""
    override = os.environ.get("MEDIATION_KEY_DIR")
    if override:
        path = Path(override)
    elif os.environ.get("MEDIATION_DATA_DIR"):
        path = data_dir() / "keys"
    else:
        path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "keys"
    path.mkdir(parents=True, exist_ok=True)
    return path


def checkpoints_dir() -> Path:
    folder = data_dir() / "checkpoints"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signing_key() -> Ed25519PrivateKey:
    """This workstation's key: read, or created (mode 0600) the first time it is needed."""
    path = key_dir() / KEY_FILE
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago: use that one
            pass
        else:
            with os.fdopen(fd, "wb") as stream:
                stream.write(pem)
            log.info("checkpoint signing key created: %s", path)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    return loaded


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_key_b64: str) -> str:
    """A key in 16 hex digits, as shown to people."""
    return hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:16]


def public_key_b64() -> str:
    """This workstation's public key, base64 (what a ``trusted/*.pub`` file holds)."""
    return base64.b64encode(_raw(signing_key().public_key())).decode("ascii")


def trusted_keys() -> set[str]:
    """The public keys (base64) whose checkpoints count: this workstation's and those the
    administrator copied into ``<key dir>/trusted/*.pub`` (one key a file, as ``audit key`` prints)."""
    keys = {public_key_b64()}
    folder = key_dir() / "trusted"
    if folder.is_dir():
        for path in folder.glob("*.pub"):
            text = path.read_text(encoding="utf-8").strip()
            if text:
                keys.add(text)
    return keys


@dataclass(frozen=True)
class Checkpoint:
    format: int
    created_at: str  # ISO 8601, UTC
    workstation: str
    location: str  # where the database was (a path or a URL without password)
    first_hash: str  # the hash of the chain's first event: which database this is
    last_id: int
    last_hash: str
    events: int
    restored: bool  # written right after a restore: earlier checkpoints vouched for other data
    public_key: str
    signature: str = ""

    def payload(self) -> bytes:
        fields = asdict(self)
        fields.pop("signature")
        return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)

    @property
    def signer(self) -> str:
        return fingerprint(self.public_key)

    def signature_valid(self) -> bool:
        try:
            public = Ed25519PublicKey.from_public_bytes(base64.b64decode(self.public_key))
            public.verify(base64.b64decode(self.signature), self.payload())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        data = json.loads(text)
        return cls(
            format=int(data["format"]),
            created_at=str(data["created_at"]),
            workstation=str(data["workstation"]),
            location=str(data["location"]),
            first_hash=str(data["first_hash"]),
            last_id=int(data["last_id"]),
            last_hash=str(data["last_hash"]),
            events=int(data["events"]),
            restored=bool(data["restored"]),
            public_key=str(data["public_key"]),
            signature=str(data["signature"]),
        )


def sign_checkpoint(
    *,
    clock: Clock,
    location: str,
    first_hash: str,
    last_id: int,
    last_hash: str,
    events: int,
    restored: bool = False,
) -> Checkpoint:
    """A checkpoint of the chain's head as given, signed with this workstation's key."""
    key = signing_key()
    unsigned = Checkpoint(
        format=FORMAT,
        created_at=clock.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
        workstation=socket.gethostname(),
        location=location,
        first_hash=first_hash,
        last_id=last_id,
        last_hash=last_hash,
        events=events,
        restored=restored,
        public_key=base64.b64encode(_raw(key.public_key())).decode("ascii"),
    )
    signature = base64.b64encode(key.sign(unsigned.payload())).decode("ascii")
    return replace(unsigned, signature=signature)


def write_checkpoint(checkpoint: Checkpoint, folder: Path | None = None, name: str | None = None) -> Path:
    """Write ``checkpoint`` into ``folder`` (the workstation's checkpoints folder by default)."""
    folder = folder or checkpoints_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = checkpoint.when.strftime("%Y%m%d-%H%M%S")
    target = folder / (name or f"checkpoint-{stamp}-{checkpoint.last_id}{SUFFIX}")
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(checkpoint.to_json(), encoding="utf-8")
    partial.replace(target)
    return target


def find_checkpoints(folders: Iterable[Path]) -> list[Checkpoint]:
    """Every readable checkpoint in ``folders`` (and their subfolders), oldest first."""
    found: dict[str, Checkpoint] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(f"*{SUFFIX}"):
            try:
                checkpoint = Checkpoint.from_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("unreadable checkpoint ignored: %s", path)
                continue
            found[checkpoint.signature] = checkpoint
    return sorted(found.values(), key=lambda c: (c.created_at, c.last_id))


def default_folders() -> list[Path]:
    """Where ``audit verify`` looks: this workstation's checkpoints and its backups."""
    return [checkpoints_dir(), data_dir() / "backups"]
