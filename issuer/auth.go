package issuer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"time"

	"badged/issuer/audit"
)

// Tokens look like "bdg_<token id>_<secret>". The id finds the row; only a
// SHA-256 of the secret is stored, and it is compared in constant time.
const tokenPrefix = "bdg_"

// Token lifetime limits.
const (
	MaxTokenTTL = 2 * 365 * 24 * time.Hour
	// touchEvery limits how often a token's last-used time is written.
	touchEvery = time.Minute
)

var errBadToken = Errorf(EUnauthorized, "invalid, expired or revoked token")

func hashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// Authenticate turns a bearer token into the principal it stands for, with
// the committee roles the user holds today.
func (s *Service) Authenticate(ctx context.Context, raw string) (Principal, error) {
	rest, ok := strings.CutPrefix(raw, tokenPrefix)
	if !ok {
		return Principal{}, errBadToken
	}
	id, secret, ok := strings.Cut(rest, "_")
	if !ok || id == "" || secret == "" || len(raw) > 200 {
		return Principal{}, errBadToken
	}
	t, err := s.store.GetToken(ctx, id)
	if err != nil {
		if IsCode(err, ENotFound) {
			return Principal{}, errBadToken
		}
		return Principal{}, err
	}
	now := s.clock()
	if subtle.ConstantTimeCompare(t.SecretHash, hashSecret(secret)) != 1 || t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
		return Principal{}, errBadToken
	}
	u, err := s.store.GetUser(ctx, t.UserID)
	if err != nil {
		return Principal{}, err
	}
	if u.Disabled {
		return Principal{}, errBadToken
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > touchEvery {
		if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
			s.log.WarnContext(ctx, "record token use", "token_id", t.ID, "error", err)
		}
	}
	return s.principal(ctx, s.store, *u, now)
}

// principal adds the committee roles that u's memberships give at t.
func (s *Service) principal(ctx context.Context, st Store, u User, t time.Time) (Principal, error) {
	p := Principal{User: u, Roles: append([]RoleGrant(nil), u.Roles...)}
	ms, err := st.ListUserMemberships(ctx, u.ID)
	if err != nil {
		return Principal{}, err
	}
	for _, m := range ms {
		if !m.ActiveAt(t) {
			continue
		}
		member, chair := RoleSMCMember, RoleSMCChair
		if m.Committee == DBC {
			member, chair = RoleDBCMember, RoleDBCChair
		}
		p.Roles = append(p.Roles, RoleGrant{Role: member})
		if m.Chair {
			p.Roles = append(p.Roles, RoleGrant{Role: chair})
		}
	}
	return p, nil
}

// PrincipalFor loads a user as a principal, for the command line, which acts
// as a user without a token.
func (s *Service) PrincipalFor(ctx context.Context, userID string) (Principal, error) {
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return Principal{}, err
	}
	return s.principal(ctx, s.store, *u, s.clock())
}

// NewToken is a created token with its secret, shown once.
type NewToken struct {
	Token  Token
	Secret string // the whole bearer token
}

// CreateToken creates a token for userID. Users create their own; admins
// create tokens for anyone. ttl 0 takes the default; it is capped.
func (s *Service) CreateToken(ctx context.Context, p Principal, userID, name string, ttl time.Duration) (*NewToken, error) {
	if userID != p.User.ID {
		if err := authorize(p, ActManageUsers); err != nil {
			return nil, err
		}
	} else if err := authorize(p, ActManageTokens); err != nil {
		return nil, err
	}
	return s.createToken(ctx, p.User.ID, primaryRole(p, RoleAdmin), userID, name, ttl)
}

// CreateTokenAsSystem creates a token from the command line (badged token
// create, the first start), recorded as done by the system.
func (s *Service) CreateTokenAsSystem(ctx context.Context, userID, name string, ttl time.Duration) (*NewToken, error) {
	return s.createToken(ctx, "", "system", userID, name, ttl)
}

func (s *Service) createToken(ctx context.Context, actorID, actorRole, userID, name string, ttl time.Duration) (*NewToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return nil, Errorf(EInvalid, "a token needs a name of 1 to 100 characters")
	}
	if ttl == 0 {
		ttl = s.cfg.TokenTTL
	}
	if ttl < time.Minute || ttl > MaxTokenTTL {
		return nil, Errorf(EInvalid, "token lifetime must be between 1 minute and %d days", int(MaxTokenTTL.Hours()/24))
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	secret := base64.RawURLEncoding.EncodeToString(buf)
	now := s.clock()
	t := Token{ID: NewID(), UserID: userID, Name: name, SecretHash: hashSecret(secret), CreatedAt: now, ExpiresAt: now.Add(ttl)}
	err := s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.GetUser(ctx, userID); err != nil {
			return err
		}
		if err := tx.CreateToken(ctx, &t); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "user", SubjectID: userID, Action: "create_token",
			ActorID: actorID, ActorRole: actorRole, At: now,
			Data: audit.CanonicalJSON(map[string]any{"token_id": t.ID, "name": name, "expires_at": t.ExpiresAt})})
	})
	if err != nil {
		return nil, err
	}
	return &NewToken{Token: t, Secret: tokenPrefix + t.ID + "_" + secret}, nil
}

// ListTokens lists a user's tokens (never their secrets).
func (s *Service) ListTokens(ctx context.Context, p Principal, userID string, pg Page) ([]Token, error) {
	if userID != p.User.ID {
		if err := authorize(p, ActManageUsers); err != nil {
			return nil, err
		}
	}
	return s.store.ListTokens(ctx, userID, pg.Normalize())
}

// RevokeToken revokes a token: its owner or an admin.
func (s *Service) RevokeToken(ctx context.Context, p Principal, tokenID string) error {
	return s.store.InTx(ctx, func(tx Store) error {
		t, err := tx.GetToken(ctx, tokenID)
		if err != nil {
			return err
		}
		if t.UserID != p.User.ID && !Permitted(p, ActManageUsers) {
			return Errorf(ENotFound, "token %s not found", tokenID)
		}
		if t.RevokedAt != nil {
			return Errorf(EConflict, "token %s is already revoked", tokenID)
		}
		now := s.clock()
		if err := tx.RevokeToken(ctx, tokenID, now); err != nil {
			return err
		}
		return record(ctx, tx, audit.Event{SubjectType: "user", SubjectID: t.UserID, Action: "revoke_token",
			ActorID: p.User.ID, ActorRole: primaryRole(p, RoleAdmin), At: now,
			Data: audit.CanonicalJSON(map[string]any{"token_id": t.ID})})
	})
}
