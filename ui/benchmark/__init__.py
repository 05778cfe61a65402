"""``mediation-app bench``: the client's figures at volume (:mod:`.figures`), measured partly in a
fresh client process (:mod:`.client_probe`)."""
