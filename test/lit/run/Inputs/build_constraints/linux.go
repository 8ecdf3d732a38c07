package main

// A bare OS name is not a constraint: this file is compiled.
var _ = onLinux
