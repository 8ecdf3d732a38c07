// RUN: %gortc-bin build -verify %s
// Invalid receivers: methods on pointer, interface, non-local and unnamed
// types.
package main

type PT *int
type IT interface{}
type S []int

func (p PT) A()   {} // ERROR "invalid receiver type PT \(pointer or interface type\)"
func (IT) B()     {} // ERROR "invalid receiver type IT \(pointer or interface type\)"
func (p *PT) C()  {} // ERROR "invalid receiver type PT \(pointer or interface type\)"
func (*int) D()   {} // ERROR "cannot define new methods on non-local type int"
func (s *[]int) E() {} // ERROR "invalid receiver type \*\[\]int"
func (s **S) F()  {} // ERROR "invalid receiver type \*\*S"
func (x S) G()    {}

func main() {}
