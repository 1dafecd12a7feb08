package main

import (
	"database/sql"

	_ "github.com/glebarez/go-sqlite" // registers the pure-Go "sqlite" driver
)

// sqliteExec runs one statement on a SQLite file, as someone with direct
// access to the database could.
func sqliteExec(path, stmt string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}
