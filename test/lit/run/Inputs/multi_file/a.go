package main

var fromA = trace("a.fromA", fromB+1) // depends on a variable in b.go

func init() { println("init in a.go", fromA, fromB) }

func main() {
	println("main", helper(2), Version)
	var s Shape = Square{3}
	println(s.Area())
}
