// The example the README's quick start builds and runs.
package main

func greet(name string) string {
	return "hello, " + name
}

func main() {
	println(greet("world"))
	sum := 0
	for i := 1; i <= 10; i++ {
		sum += i
	}
	println("1 + 2 + ... + 10 =", sum)
}
