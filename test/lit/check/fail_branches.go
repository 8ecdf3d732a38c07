// RUN: %gortc-bin build -verify %s
// break, continue, goto, fallthrough and labels: the errors gc's parser
// reports (syntax.CheckBranches).
package main

func main() {
	break // ERROR "break is not in a loop, switch, or select"
	continue // ERROR "continue is not in a loop"
L1: // ERROR "label L1 defined and not used"
	x := 1
	goto L2 // ERROR "goto L2 jumps over declaration of y at .*LINE+1:4"
	y := 2
L2:
	goto L3 // ERROR "goto L3 jumps into block starting at .*LINE+1:2"
	{
	L3:
	}
	for {
		continue L4 // ERROR "continue label not defined: L4"
	}
L4: // ERROR "label L4 defined and not used"
	_ = x
	_ = y
	switch {
	case true:
		fallthrough // ERROR "cannot fallthrough final case in switch"
	}
	switch {
	case true:
		continue // ERROR "continue is not in a loop"
	}
L5:
	if true {
		break L5 // ERROR "invalid break label L5"
	}
L6:
	for {
		goto L6
	}
L6: // ERROR "label L6 already defined at .*LINE-4:1"
	for {
	}
	fallthrough // ERROR "fallthrough statement out of place"
	var i interface{}
	switch i.(type) {
	case int:
		fallthrough // ERROR "cannot fallthrough in type switch"
	default:
	}
	goto Undef // ERROR "label Undef not defined"
	for {
		break Undef2 // ERROR "break label not defined: Undef2"
	}
L7:
	switch {
	case true:
		continue L7 // ERROR "invalid continue label L7"
	}
	func() {
		goto L1 // ERROR "label L1 not defined"
	}()
}
