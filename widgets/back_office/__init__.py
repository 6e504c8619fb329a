"""The Back office window (dxRegister): its own dockable main window, its panels and dialogs."""
