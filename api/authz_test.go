package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/api"
	"badged/issuer"
)

// placeholders stand in for path parameters: ids that name nothing, and
// real values where the parameter is an enumeration.
var placeholders = map[string]string{
	":id":        "00000000-0000-7000-8000-000000000000",
	":kind":      "micro_credential",
	":committee": "smc",
}

func placeholderPath(t *testing.T, path string) string {
	t.Helper()
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			v, ok := placeholders[s]
			require.True(t, ok, "no placeholder for path parameter %s of %s", s, path)
			segs[i] = v
		}
	}
	return strings.Join(segs, "/")
}

// TestRouteAuthorization calls every route of the table as every role, and
// without a token. Each caller holds exactly one role (the chair of a
// committee is also its member, as the policy makes them). It requires:
//
//   - no token: 401 on every route but the public ones;
//   - a role outside issuer.PermittedRoles(route.Action): the middleware's
//     own 403 (api.DeniedMessage), before the handler runs;
//   - a permitted role: never that 403, and never the service's "your roles
//     do not allow" refusal either, which would mean the route names a
//     different action than the service method it calls. The service may
//     still refuse for relational reasons (404 for the placeholder ids,
//     400 for the empty body), but never with a 500.
//
// It iterates the route table itself, so a new route cannot escape it.
func TestRouteAuthorization(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		env := newEnv(t, newDSN)
		type caller struct {
			name  string
			token string
			holds []issuer.Role
		}
		callers := []caller{{name: "no token"}}
		for _, r := range issuer.AllRoles {
			holds := []issuer.Role{r}
			switch r {
			case issuer.RoleSMCChair:
				holds = append(holds, issuer.RoleSMCMember)
			case issuer.RoleDBCChair:
				holds = append(holds, issuer.RoleDBCMember)
			}
			callers = append(callers, caller{name: string(r), token: env.NewUser(t, r).Token, holds: holds})
		}

		for _, rt := range api.Routes() {
			path := placeholderPath(t, rt.Path)
			var body any
			if rt.Request != nil {
				body = "{}"
			}
			for _, c := range callers {
				t.Run(rt.ID+"/"+strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
					res := env.Do(t, rt.Method, path, c.token, body)
					switch {
					case rt.Public():
						require.Equal(t, rt.Status, res.Status, "%s", res.Body)
					case c.token == "":
						require.Equal(t, http.StatusUnauthorized, res.Status, "%s", res.Body)
						require.Equal(t, issuer.EUnauthorized, res.Error(t).Code)
						require.Contains(t, res.Header.Get("WWW-Authenticate"), "Bearer")
					case !slices.ContainsFunc(c.holds, func(r issuer.Role) bool {
						return slices.Contains(issuer.PermittedRoles(rt.Action), r)
					}):
						require.Equal(t, http.StatusForbidden, res.Status, "%s", res.Body)
						require.Equal(t, api.ErrorBody{Code: issuer.EForbidden, Message: api.DeniedMessage(rt.Action)}, res.Error(t))
					default:
						require.Less(t, res.Status, http.StatusInternalServerError, "%s", res.Body)
						if res.Status == http.StatusForbidden {
							msg := res.Error(t).Message
							require.NotEqual(t, api.DeniedMessage(rt.Action), msg, "the middleware refused a permitted role")
							require.NotContains(t, msg, "your roles do not allow", "the service checks another action than the route's %s", rt.Action)
						}
					}
				})
			}
		}
	})
}

// TestRouteTable checks the table itself: unique ids and method+path pairs,
// an action every route needs and someone holds, and a route for every
// action of the authorization table.
func TestRouteTable(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	endpoints := map[string]bool{}
	used := map[issuer.Action]bool{}
	for _, rt := range api.Routes() {
		require.False(t, ids[rt.ID], "duplicate route id %s", rt.ID)
		ids[rt.ID] = true
		ep := rt.Method + " " + rt.Path
		require.False(t, endpoints[ep], "duplicate route %s", ep)
		endpoints[ep] = true
		require.NotEmpty(t, rt.Summary, rt.ID)
		require.NotZero(t, rt.Status, rt.ID)
		if rt.Public() {
			require.NotContains(t, []string{"POST", "PUT", "DELETE"}, rt.Method, "public route %s changes state", rt.ID)
			continue
		}
		require.NotEmpty(t, issuer.PermittedRoles(rt.Action), "route %s: nobody may %s", rt.ID, rt.Action)
		used[rt.Action] = true
	}
	for _, a := range issuer.Actions() {
		require.True(t, used[a], "no route for action %s", a)
	}
}
