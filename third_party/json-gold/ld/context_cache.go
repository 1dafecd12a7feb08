// PATCHED (badged): this file is not part of json-gold v0.9.1. It adds a
// cache of processed contexts; see ContextCache.

package ld

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// ContextCache remembers the result of context processing, so that
// documents naming the same contexts do not process them again: for a
// typical Verifiable Credential, processing the VCDM 2.0 and Open Badges
// contexts (and the type-scoped contexts of every nested object) costs more
// than the rest of expansion, RDF conversion and canonicalization together.
//
// A cached context is immutable: it is shared by every later call, from any
// goroutine, so nothing may modify it (the processor copies a context before
// changing it, and builds a shared context's inverse once, under a lock). A
// result is cached only when it is a function of what the key records:
//
//   - the active context is the initial context of the options the cache is
//     bound to, or itself a cached context;
//   - the local context is a context URL, a list of URLs, or an object that
//     the cache was told, through Trust, never changes (the documents a
//     DocumentLoader serves, whose scoped contexts are such objects).
//
// Anything else (an inline context in a document, a different set of
// options) is processed as before, uncached. Errors are not cached. The
// cache holds at most the number of entries given to NewContextCache, and
// starts afresh when it is full, so memory stays bounded whatever documents
// are processed.
//
// Set JsonLdOptions.ContextCache to use it. A cache is bound to the first
// options it is used with (base IRI, processing mode, safe mode, document
// loader); options that differ bypass it.
type ContextCache struct {
	mu      sync.RWMutex
	entries map[contextCacheKey]*Context
	max     int
	trusted map[unsafe.Pointer]struct{}
	bound   bool
	binding cacheBinding
}

// cacheBinding is what a cached context's result depends on in the options.
type cacheBinding struct {
	base           string
	processingMode string
	safeMode       bool
	loader         DocumentLoader
}

type contextCacheKey struct {
	parent *Context       // nil: the initial context
	urls   string         // the local context's URLs, length-prefixed
	local  unsafe.Pointer // or: a trusted local context object
	flags  uint8          // parse's boolean arguments
}

// NewContextCache returns an empty cache of at most maxEntries processed
// contexts.
func NewContextCache(maxEntries int) *ContextCache {
	if maxEntries < 1 {
		maxEntries = 1
	}
	return &ContextCache{
		entries: make(map[contextCacheKey]*Context),
		max:     maxEntries,
		trusted: make(map[unsafe.Pointer]struct{}),
	}
}

// Trust records every JSON object inside doc as immutable, so that a scoped
// context taken from it can be a cache key. The caller promises that doc is
// never modified and stays reachable while the cache is in use (a
// DocumentLoader's own documents, for example).
func (cc *ContextCache) Trust(doc interface{}) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	var walk func(v interface{})
	walk = func(v interface{}) {
		switch v := v.(type) {
		case map[string]interface{}:
			cc.trusted[reflect.ValueOf(v).UnsafePointer()] = struct{}{}
			for _, item := range v {
				walk(item)
			}
		case []interface{}:
			for _, item := range v {
				walk(item)
			}
		}
	}
	walk(doc)
}

// Len reports how many processed contexts the cache holds.
func (cc *ContextCache) Len() int {
	cc.mu.RLock()
	defer cc.mu.RUnlock()
	return len(cc.entries)
}

// key returns the cache key for processing local on top of parent, and
// whether the result may be cached at all.
func (cc *ContextCache) key(parent *Context, local interface{}, flags uint8) (contextCacheKey, bool) {
	k := contextCacheKey{flags: flags}
	switch {
	case parent.shared:
		k.parent = parent
	case parent.initial:
	default:
		return k, false
	}
	switch l := local.(type) {
	case string:
		k.urls = strconv.Itoa(len(l)) + ":" + l
	case []interface{}:
		var b strings.Builder
		for _, item := range l {
			s, ok := item.(string)
			if !ok {
				return k, false
			}
			b.WriteString(strconv.Itoa(len(s)))
			b.WriteByte(':')
			b.WriteString(s)
		}
		k.urls = b.String()
	case map[string]interface{}:
		p := reflect.ValueOf(l).UnsafePointer()
		cc.mu.RLock()
		_, trusted := cc.trusted[p]
		cc.mu.RUnlock()
		if !trusted {
			return k, false
		}
		k.local = p
	default:
		return k, false
	}
	return k, true
}

// usable reports whether contexts processed under opts may be cached here,
// binding the cache to opts on first use.
func (cc *ContextCache) usable(opts *JsonLdOptions) bool {
	if opts.ExpandedElementHandler != nil {
		return false
	}
	b := cacheBinding{
		base:           opts.Base,
		processingMode: opts.ProcessingMode,
		safeMode:       opts.SafeMode,
		loader:         opts.DocumentLoader,
	}
	cc.mu.RLock()
	bound, binding := cc.bound, cc.binding
	cc.mu.RUnlock()
	if bound {
		return binding == b
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if !cc.bound {
		cc.bound, cc.binding = true, b
	}
	return cc.binding == b
}

func (cc *ContextCache) get(k contextCacheKey) *Context {
	cc.mu.RLock()
	defer cc.mu.RUnlock()
	return cc.entries[k]
}

func (cc *ContextCache) put(k contextCacheKey, c *Context) {
	c.shared = true // from here on, c is never modified
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.entries) >= cc.max {
		clear(cc.entries)
	}
	cc.entries[k] = c
}

// parseFlags packs parse's boolean arguments into a cache key field.
func parseFlags(parsingARemoteContext, propagate, protected, overrideProtected bool) uint8 {
	var f uint8
	for i, b := range [...]bool{parsingARemoteContext, propagate, protected, overrideProtected} {
		if b {
			f |= 1 << i
		}
	}
	return f
}
