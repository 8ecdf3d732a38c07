package main

const Version = "v" + minor

var fromB = trace("b.fromB", 10)

func init() { println("init in b.go") }

type Square struct{ side int }

func (s Square) Area() int { return s.side * s.side }

func helper(n int) int { return n * 100 }
