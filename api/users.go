package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
)

// CreateTokenRequest creates an API token.
type CreateTokenRequest struct {
	Name       string `json:"name" doc:"what the token is for, 1 to 100 characters"`
	UserID     string `json:"user_id,omitempty" doc:"whose token; default yourself (admins may name anyone)"`
	TTLSeconds int64  `json:"ttl_seconds,omitempty" doc:"lifetime in seconds; default the service's (90 days), at most two years"`
}

// CreateUserRequest adds a user.
type CreateUserRequest struct {
	Email string      `json:"email"`
	Name  string      `json:"name"`
	Roles []RoleGrant `json:"roles,omitempty" doc:"granted roles; committee roles follow from memberships"`
}

// SetRolesRequest replaces a user's granted roles.
type SetRolesRequest struct {
	Roles []RoleGrant `json:"roles" doc:"the complete new list; [] removes every granted role"`
}

func fromRoleGrants(gs []RoleGrant) []issuer.RoleGrant {
	out := make([]issuer.RoleGrant, len(gs))
	for i, g := range gs {
		out[i] = issuer.RoleGrant{Role: g.Role, DepartmentID: g.DepartmentID}
	}
	return out
}

func (s *Server) me(c *gin.Context, p issuer.Principal) (any, error) {
	return Me{User: toUser(p.User), Roles: mapSlice(p.Roles, toRoleGrant)}, nil
}

func (s *Server) createToken(c *gin.Context, p issuer.Principal) (any, error) {
	var req CreateTokenRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	userID := req.UserID
	if userID == "" {
		userID = p.User.ID
	}
	if req.TTLSeconds < 0 || req.TTLSeconds > int64(issuer.MaxTokenTTL/time.Second) {
		return nil, issuer.Errorf(issuer.EInvalid, "ttl_seconds must be between 60 and %d", int64(issuer.MaxTokenTTL/time.Second))
	}
	t, err := s.svc.CreateToken(c.Request.Context(), p, userID, req.Name, time.Duration(req.TTLSeconds)*time.Second)
	if err != nil {
		return nil, err
	}
	return NewToken{Token: toToken(t.Token), Secret: t.Secret}, nil
}

func (s *Server) listTokens(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	userID := c.Query("user_id")
	if userID == "" {
		userID = p.User.ID
	}
	ts, err := s.svc.ListTokens(c.Request.Context(), p, userID, pg)
	if err != nil {
		return nil, err
	}
	return listOf(ts, pg, toToken), nil
}

func (s *Server) revokeToken(c *gin.Context, p issuer.Principal) (any, error) {
	return nil, s.svc.RevokeToken(c.Request.Context(), p, c.Param("id"))
}

func (s *Server) createUser(c *gin.Context, p issuer.Principal) (any, error) {
	var req CreateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	u, err := s.svc.CreateUser(c.Request.Context(), p, issuer.NewUser{Email: req.Email, Name: req.Name, Roles: fromRoleGrants(req.Roles)})
	if err != nil {
		return nil, err
	}
	return toUser(*u), nil
}

func (s *Server) listUsers(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	us, err := s.svc.ListUsers(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(us, pg, toUser), nil
}

func (s *Server) getUser(c *gin.Context, p issuer.Principal) (any, error) {
	u, err := s.svc.GetUser(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return toUser(*u), nil
}

func (s *Server) setRoles(c *gin.Context, p issuer.Principal) (any, error) {
	var req SetRolesRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	u, err := s.svc.SetRoles(c.Request.Context(), p, c.Param("id"), fromRoleGrants(req.Roles))
	if err != nil {
		return nil, err
	}
	return toUser(*u), nil
}
