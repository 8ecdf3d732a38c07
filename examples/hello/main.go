// The example the README's quick start builds and runs: package fmt and
// the packages it imports are compiled from Go 1.19's sources.
package main

import (
	"fmt"
	"strings"
)

func greet(name string) string {
	return "hello, " + name
}

func main() {
	fmt.Println(greet("world"))
	sum := 0
	for i := 1; i <= 10; i++ {
		sum += i
	}
	fmt.Printf("1 + 2 + ... + %d = %d\n", 10, sum)
	fmt.Println(strings.Repeat("=", 20), map[string]int{"go": 1, "gortc": 2})
}
