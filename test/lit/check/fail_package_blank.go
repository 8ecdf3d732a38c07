// RUN: %gortc-bin build -verify %s
// The package name must not be the blank identifier.
package _ // ERROR "invalid package name _"

func main() {}
