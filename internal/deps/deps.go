// Package deps pins the module dependencies chosen for the service until the
// packages that use them land; it is removed once each is imported for real.
package deps

import (
	_ "github.com/gin-gonic/gin"
	_ "github.com/glebarez/sqlite"
	_ "github.com/lestrrat-go/jwx/v2/jws"
	_ "github.com/piprate/json-gold/ld"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "github.com/stretchr/testify/require"
	_ "gorm.io/driver/postgres"
	_ "gorm.io/gorm"
)
