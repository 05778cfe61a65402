"""Who may do what: password hashing, the role → permission table, and privacy masking.

Pure core: no database, no Qt. The services call :func:`~mediation_app.security.permissions.authorize`
before they change anything; screens call :func:`~mediation_app.security.permissions.can` to show
only what the signed-in role may use.
"""
