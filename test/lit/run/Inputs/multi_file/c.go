package main

const minor = "1.2"

type Shape interface{ Area() int }

func trace(name string, v int) int {
	println("init", name)
	return v
}

func init() { println("init in c.go") }
