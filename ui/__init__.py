"""The Qt desktop client. It imports the core and ``reports``; widgets reach the core through their
view models (:mod:`ui.viewmodels`) and never compute money, build SQL or format documents
themselves."""
