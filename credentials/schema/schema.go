// Package schema validates Open Badges 3.0 documents against the official
// 1EdTech JSON Schema for AchievementCredential
// (ob_v3p0_achievementcredential_schema.json, Draft 2019-09; standards brief
// §2.7 and §2.9), embedded in the binary. Its $defs let the same schema
// validate an Achievement, a Profile, an EndorsementCredential and the
// other classes on their own.
//
// The schema is compiled once, the first time it is used, with no loader
// for remote references: a schema that pointed elsewhere would fail to
// compile rather than reach the network. Validation is safe for concurrent
// use. Format assertions (date-time, date) are on: the issuer runs this on
// everything it signs, and a date-time without a time zone is not a valid
// validFrom.
//
// The schema is strict about serialization: "type" and "proof" must be
// arrays, compacted single values fail. That is the form credentials/ob3
// writes.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"badged/credentials/proof"
)

//go:embed ob_v3p0_achievementcredential_schema.json
var achievementCredentialSchema []byte

// URL is the schema's $id. Credentials name the equivalent published URL
// ob3.SchemaAchievementCredential in credentialSchema.
const URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json"

// MaxDocumentBytes is the largest document Validate reads.
const MaxDocumentBytes = 2 << 20

// Def names what a document is validated as: the whole schema
// (AchievementCredential) or one of its $defs.
type Def string

// The classes a document is usually validated as. Any other name in the
// schema's $defs works too (e.g. "Alignment", "Result").
const (
	AchievementCredential Def = "AchievementCredential"
	EndorsementCredential Def = "EndorsementCredential"
	Achievement           Def = "Achievement"
	Profile               Def = "Profile"
)

// ErrUnknownDef is returned for a Def the schema does not define.
var ErrUnknownDef = errors.New("schema: no such definition")

// Violation is one way a document breaks the schema.
type Violation struct {
	// Pointer is the JSON pointer (RFC 6901) to the offending value; "" is
	// the document itself.
	Pointer string `json:"pointer"`
	// Keyword is the schema location of the failed keyword.
	Keyword string `json:"keyword"`
	// Message says what is wrong.
	Message string `json:"message"`
}

// Error lists every violation of one document. It wraps proof.ErrMalformed.
type Error struct {
	Def        Def
	Violations []Violation
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "document does not conform to the Open Badges 3.0 %s schema:", e.Def)
	for _, v := range e.Violations {
		pointer := v.Pointer
		if pointer == "" {
			pointer = "(document)"
		}
		fmt.Fprintf(&b, "\n  %s: %s", pointer, v.Message)
	}
	return b.String()
}

// Unwrap makes a schema violation a malformed document.
func (e *Error) Unwrap() error { return proof.ErrMalformed }

// Validate validates the JSON document doc as def. It returns nil, an
// *Error listing each violation, or another error if doc is not JSON or def
// is unknown.
func Validate(def Def, doc []byte) error {
	if len(doc) > MaxDocumentBytes {
		return fmt.Errorf("validate %s: %w: %d bytes, more than %d", def, proof.ErrMalformed, len(doc), MaxDocumentBytes)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("validate %s: %w: %w", def, proof.ErrMalformed, err)
	}
	return validate(def, inst)
}

// ValidateValue marshals v (an ob3 credential, achievement, profile, ...)
// as JSON and validates the result as def.
func ValidateValue(def Def, v any) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("validate %s: marshal: %w", def, err)
	}
	return Validate(def, doc)
}

func validate(def Def, inst any) error {
	schemas, err := compiled()
	if err != nil {
		return err
	}
	sch, ok := schemas[def]
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownDef, def)
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		return &Error{Def: def, Violations: violations(ve)}
	}
	return err
}

// printer renders violation messages, in English as the schema is.
var printer = message.NewPrinter(language.English)

// violations lists the leaves of the error tree: the keywords that failed
// on a value, not the "a sub-schema failed" nodes above them. Each is
// listed once, ordered by where it is in the document.
func violations(ve *jsonschema.ValidationError) []Violation {
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		v := Violation{
			Pointer: jsonPointer(e.InstanceLocation),
			Keyword: strings.TrimPrefix(e.SchemaURL, URL) + jsonPointer(e.ErrorKind.KeywordPath()),
			Message: e.ErrorKind.LocalizedString(printer),
		}
		// The two branches of an allOf may fail alike on one value.
		if !slices.ContainsFunc(out, func(o Violation) bool { return o.Pointer == v.Pointer && o.Message == v.Message }) {
			out = append(out, v)
		}
	}
	walk(ve)
	slices.SortStableFunc(out, func(a, b Violation) int { return strings.Compare(a.Pointer, b.Pointer) })
	return out
}

// jsonPointer joins reference tokens into an RFC 6901 JSON pointer.
func jsonPointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

// compiled compiles the whole schema and each of its $defs, once.
var compiled = sync.OnceValues(func() (map[Def]*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(achievementCredentialSchema))
	if err != nil {
		return nil, fmt.Errorf("schema: embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(offline{})
	c.AssertFormat()
	if err := c.AddResource(URL, doc); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	defs, _ := doc.(map[string]any)["$defs"].(map[string]any)
	schemas := make(map[Def]*jsonschema.Schema, len(defs)+1)
	root, err := c.Compile(URL)
	if err != nil {
		return nil, fmt.Errorf("schema: compile: %w", err)
	}
	schemas[AchievementCredential] = root
	for name := range defs {
		s, err := c.Compile(URL + "#/$defs/" + name)
		if err != nil {
			return nil, fmt.Errorf("schema: compile %s: %w", name, err)
		}
		schemas[Def(name)] = s
	}
	return schemas, nil
})

// offline refuses every URL: the embedded schema is complete, and its
// draft's metaschema is built into the compiler.
type offline struct{}

func (offline) Load(url string) (any, error) {
	return nil, fmt.Errorf("schema %s is not available offline", url)
}
