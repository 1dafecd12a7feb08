package issuer

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"

	"badged/issuer/approval"
)

// Outline limits.
const (
	MaxOutlineBytes = 256 << 10 // the whole outline as JSON
	MaxListItems    = 100
)

// Well-known outline keys the service reads.
const (
	KeyTitle         = "title"
	KeyCreditRequest = "credit_request"
	KeyCredits       = "credits"
	KeyDepartment    = "offering_department"
)

// checkOutline validates an outline against the form. With complete set,
// every required field must have a value (the check at submission); without
// it, only the values present are checked (drafts may be partial).
func checkOutline(ctx context.Context, st Store, fields []OutlineField, o Outline, complete bool) error {
	if o == nil {
		o = Outline{}
	}
	if b, err := json.Marshal(o); err != nil || len(b) > MaxOutlineBytes {
		return Errorf(EInvalid, "the outline must be a JSON object of at most %d KiB", MaxOutlineBytes>>10)
	}
	known := map[string]OutlineField{}
	for _, f := range fields {
		known[f.Key] = f
	}
	for k := range o {
		if _, ok := known[k]; !ok {
			return Errorf(EInvalid, "outline field %q is not on the form", k)
		}
	}
	var missing []string
	for _, f := range fields {
		v, ok := o[f.Key]
		if !ok || v == nil || v == "" {
			if f.Required && complete {
				missing = append(missing, f.Key)
			}
			continue
		}
		if err := checkValue(ctx, st, f, v); err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return Errorf(EInvalid, "the outline is missing required fields: %s", strings.Join(missing, ", "))
	}
	return nil
}

func checkValue(ctx context.Context, st Store, f OutlineField, v any) error {
	bad := func(want string) error { return Errorf(EInvalid, "outline field %q must be %s", f.Key, want) }
	switch f.Type {
	case FieldText, FieldLongText:
		s, ok := v.(string)
		if !ok {
			return bad("a string")
		}
		if f.Type == FieldText && len(s) > 1000 {
			return bad("at most 1000 characters")
		}
	case FieldNumber:
		n, ok := v.(float64)
		if !ok || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
			return bad("a number ≥ 0")
		}
	case FieldBoolean:
		if _, ok := v.(bool); !ok {
			return bad("true or false")
		}
	case FieldChoice:
		s, ok := v.(string)
		if !ok {
			return bad("one of " + strings.Join(f.Options, ", "))
		}
		for _, o := range f.Options {
			if s == o {
				return nil
			}
		}
		return bad("one of " + strings.Join(f.Options, ", "))
	case FieldList:
		items, ok := v.([]any)
		if !ok || len(items) > MaxListItems {
			return bad(fmt.Sprintf("a list of at most %d strings", MaxListItems))
		}
		for _, it := range items {
			if s, ok := it.(string); !ok || strings.TrimSpace(s) == "" {
				return bad("a list of non-empty strings")
			}
		}
	case FieldAlignments:
		items, ok := v.([]any)
		if !ok || len(items) > MaxListItems {
			return bad(fmt.Sprintf("a list of at most %d alignments", MaxListItems))
		}
		for i, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				return bad("a list of alignment objects")
			}
			name, _ := m["targetName"].(string)
			u, _ := m["targetUrl"].(string)
			if strings.TrimSpace(name) == "" {
				return Errorf(EInvalid, "outline field %q, alignment %d: targetName is required", f.Key, i)
			}
			if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
				return Errorf(EInvalid, "outline field %q, alignment %d: targetUrl must be an http(s) URL", f.Key, i)
			}
			for k, x := range m {
				switch k {
				case "targetName", "targetUrl", "targetDescription", "targetFramework", "targetCode", "targetType":
					if _, ok := x.(string); !ok {
						return Errorf(EInvalid, "outline field %q, alignment %d: %s must be a string", f.Key, i, k)
					}
				default:
					return Errorf(EInvalid, "outline field %q, alignment %d: unknown property %q", f.Key, i, k)
				}
			}
		}
	case FieldDepartment:
		s, ok := v.(string)
		if !ok {
			return bad("a department id")
		}
		if _, err := st.GetDepartment(ctx, s); err != nil {
			return invalidRef(err, "outline field %q: department %s", f.Key, s)
		}
	}
	return nil
}

// creditOf reads the credit request and credits from an outline.
func creditOf(k approval.Kind, o Outline) (approval.CreditStatus, float64, error) {
	c := approval.NonCreditBearing
	if s, ok := o[KeyCreditRequest].(string); ok && s != "" {
		c = approval.CreditStatus(s)
	}
	if !c.Valid() {
		return "", 0, Errorf(EInvalid, "credit_request must be non_credit_bearing, credit_bearing or embedded")
	}
	if k == approval.DigitalBadge && c != approval.NonCreditBearing {
		return "", 0, Errorf(EInvalid, "a digital badge is non credit-bearing only; propose a micro-credential for credit")
	}
	credits, _ := o[KeyCredits].(float64)
	return c, credits, nil
}
