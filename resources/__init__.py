"""What ships and is not code (fonts, catalogues, legal texts, SMS templates, data): see README.md.

A regular package so that ``importlib.resources.files("resources")`` finds the folder wherever it
is installed: the source tree, site-packages, or a PyInstaller bundle.
"""
