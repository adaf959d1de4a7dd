// Every test of this target may use the shared helpers (HeedTestCase, Spawn, Tmux, TestEnvironment…).
@_exported import TestSupport
