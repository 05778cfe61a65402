"""The view models of one case in the case view: the case as last read (:mod:`.open_case`), its
workflow steps (:mod:`.steps`), and one view model per page of the view."""
