"""The results store ("the cube"), its read API, and the build that fills it."""
