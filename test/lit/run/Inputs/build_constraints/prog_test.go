package main

func tagged() string { return "test file" }
