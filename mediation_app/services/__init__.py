"""Use cases: one function per user intention, each one transaction through a unit of work,
each change audited. Services take plain values and return plain result objects (dataclasses),
never live ORM objects, so screens and commands can keep them after the transaction ends."""
