"""The Qt desktop client. It imports the core and ``reports``; widgets call services and never
compute money, build SQL or format documents themselves."""
