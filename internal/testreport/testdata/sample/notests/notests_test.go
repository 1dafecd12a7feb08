// Package notests has a test file but no test functions.
package notests
