// Package empty has no tests at all.
package empty
