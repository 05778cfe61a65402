"""The screens' view models: the one layer of the client that reaches the database.

Each screen has a view model here (one module per screen; the case view's pages under
:mod:`ui.viewmodels.case`). A view model owns the :class:`~ui.viewmodels.workspace.Workspace`
(the open database and who is working), opens the read session or the unit of work, calls the
core's queries (``mediation_app.queries``) and services (``mediation_app.services``), and returns
their plain values (frozen dataclasses, never ORM objects). A refusal leaves as the core's
:class:`~mediation_app.errors.MediationError`, which the screens already show in their own way.

Widgets call plain methods here and never see a Session, a UnitOfWork or a mapped class;
``tests/core/test_architecture.py`` holds the rest of ``ui/`` to that. Nothing here imports Qt:
a view model works without a display and off the GUI thread (the dashboard reads its figures in
the background through one).
"""
