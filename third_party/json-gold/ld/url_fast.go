// PATCHED (badged): this file is not part of json-gold v0.9.1.

package ld

import "strings"

// isPlainHTTPURL reports whether s is an http(s) URL of the plainest common
// shape, one that IsURL is known to accept:
//
//	http[s]://LABEL(.LABEL)*.TLD[:PORT][PATH]
//
// where every LABEL is ASCII letters and digits with single hyphens inside
// it, the first label of a host of three or more labels and the label before
// the TLD are at least two characters long, the one before the TLD has no
// hyphen, the TLD is two or more ASCII letters, PORT is one to five digits, and PATH starts with
// "/", "?" or "#" and holds only visible ASCII other than "%", quotes, angle
// and square brackets, braces, "|", "\", "^" and "`", and at most one "#".
//
// It exists because IsURL runs a large regular expression, which dominated
// the cost of converting a credential to RDF. validIRI asks IsURL only when
// this returns false, so the result is IsURL's either way: for these
// strings the regular expression matches (its host part matches the labels
// up to the last character of the label before the TLD, that character,
// and the TLD) and url.Parse succeeds with a host that does not start with
// a dot. TestPlainHTTPURLImpliesIsURL checks it against IsURL.
func isPlainHTTPURL(s string) bool {
	var rest string
	switch {
	case len(s) > 8 && s[:8] == "https://":
		rest = s[8:]
	case len(s) > 7 && s[:7] == "http://":
		rest = s[7:]
	default:
		return false
	}
	if len(s) >= maxURLRuneCount {
		return false
	}

	// host: labels separated by dots
	type label struct {
		n      int
		hyphen bool // holds a hyphen
		alpha  bool // letters only
	}
	var first, prev, last label
	labels, i := 0, 0
	for {
		start, l := i, label{alpha: true}
		for i < len(rest) && (isASCIIAlnum(rest[i]) || rest[i] == '-') {
			switch {
			case rest[i] == '-':
				// not first, not last, not doubled
				if i == start || i+1 >= len(rest) || !isASCIIAlnum(rest[i+1]) {
					return false
				}
				l.hyphen, l.alpha = true, false
			case rest[i] >= '0' && rest[i] <= '9':
				l.alpha = false
			}
			i++
		}
		if l.n = i - start; l.n == 0 {
			return false
		}
		labels++
		if labels == 1 {
			first = l
		}
		prev, last = last, l
		if i < len(rest) && rest[i] == '.' {
			i++
			continue
		}
		break
	}
	if labels < 2 || last.n < 2 || !last.alpha {
		return false
	}
	if labels >= 3 && (first.n < 2 || prev.n < 2 || prev.hyphen) {
		return false
	}

	// port
	if i < len(rest) && rest[i] == ':' {
		i++
		digits := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
			digits++
		}
		if digits < 1 || digits > 5 {
			return false
		}
	}
	if i == len(rest) {
		return true
	}

	// path, query, fragment
	if c := rest[i]; c != '/' && c != '?' && c != '#' {
		return false
	}
	hashes := 0
	for ; i < len(rest); i++ {
		c := rest[i]
		if c <= ' ' || c >= 0x7f {
			return false
		}
		switch c {
		case '%', '"', '<', '>', '[', ']', '{', '}', '|', '\\', '^', '`':
			return false
		case '#':
			hashes++
			if hashes > 1 {
				return false
			}
		}
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isPlainAbsoluteIRI reports whether s is an absolute IRI of a plain shape
// for which IsAbsoluteIri's url.Parse is known to succeed: a plain http(s)
// URL (see isPlainHTTPURL), or SCHEME ":" followed by anything but "/" and
// then only ASCII letters, digits and -._~:@!$&'()*+,;=/? with at most one
// "#" (as in urn:uuid:… and did:…). url.Parse reads such a string as an
// opaque URL and finds nothing to refuse in it: no control characters, no
// percent escapes, no authority to check. TestPlainAbsoluteIRI compares it
// with url.Parse.
func isPlainAbsoluteIRI(s string) bool {
	if isPlainHTTPURL(s) {
		return true
	}
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' ||
		i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
		i++
	}
	if i == 0 || i+1 >= len(s) || s[i] != ':' || s[i+1] == '/' {
		return false
	}
	hashes := 0
	for i++; i < len(s); i++ {
		c := s[i]
		switch {
		case isASCIIAlnum(c):
		case c == '#':
			hashes++
			if hashes > 1 {
				return false
			}
		case strings.IndexByte("-._~:@!$&'()*+,;=/?", c) >= 0:
		default:
			return false
		}
	}
	return true
}
