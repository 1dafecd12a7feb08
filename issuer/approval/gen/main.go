// Command gen writes docs/approval.md from the approval table.
package main

import (
	"log"
	"os"

	"badged/issuer/approval"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: gen OUTPUT")
	}
	if err := os.WriteFile(os.Args[1], []byte(approval.Document()), 0o644); err != nil {
		log.Fatal(err)
	}
}
