// Package nomen screens names against sanctions lists through libnomen, the
// nomen C library. It is a thin cgo layer: every type wraps one C handle and
// adds only Go idioms: (result, error) returns, Close methods backed by
// finalizers, strings and byte slices in, structs out.
//
// Threads: a Builder is used by one goroutine at a time. An Index is
// immutable and may be shared by any number of goroutines. A Matcher is per
// goroutine: create one in each goroutine that screens (NewMatcher is cheap
// next to a screen, but keep it for the goroutine's life).
package nomen

/*
#cgo LDFLAGS: -lnomen
#include <stdlib.h>
#include <nomen.h>
#include "glue.h"
*/
import "C"

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"strings"
	"unsafe"
)

// Status is a nomen status code (the NOMEN_ERR_* values of nomen.h).
type Status int

// The status codes, with the values of nomen.h (never renumbered).
const (
	StatusOK         Status = 0
	StatusNoMem      Status = 1
	StatusInvalidArg Status = 2
	StatusUTF8       Status = 3
	StatusIO         Status = 4
	StatusParse      Status = 5
	StatusFormat     Status = 6
	StatusICU        Status = 7
	StatusLimit      Status = 8
	StatusVersion    Status = 9
	StatusState      Status = 10
	StatusNotFound   Status = 11
	StatusEncoding   Status = 12
	StatusInternal   Status = 13
)

// String gives the C library's description of the status.
func (s Status) String() string {
	return C.GoString(C.nomen_status_str(C.int(s)))
}

// Error is what every failing call returns: the status, the operation and
// the C library's message ("sdn.csv:12:3: ...").
type Error struct {
	Status  Status
	Op      string // the method that failed, e.g. "Builder.AddPath"
	Message string // the handle's errmsg; may be empty
	Query   int    // ScreenMany: the number of the query that failed; else -1
}

func (e *Error) Error() string {
	msg := "nomen: " + e.Op + ": " + e.Status.String()
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Query >= 0 {
		msg += fmt.Sprintf(" (query %d)", e.Query)
	}
	return msg
}

// Is makes errors.Is(err, &nomen.Error{Status: nomen.StatusUTF8}) match any
// error of that status.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Status == e.Status && t.Op == "" && t.Message == ""
}

func newError(rc C.int, op, msg string) error {
	return &Error{Status: Status(rc), Op: op, Message: msg, Query: -1}
}

// cstring copies s for a NUL-terminated C parameter (paths, formats);
// an empty s gives NULL. A NUL byte inside s would silently cut it short,
// so it is refused.
func cstring(op, what, s string) (*C.char, error) {
	if s == "" {
		return nil, nil
	}
	if strings.IndexByte(s, 0) >= 0 {
		return nil, newError(C.int(StatusInvalidArg), op, what+" holds a NUL byte")
	}
	return C.CString(s), nil
}

func cfree(p *C.char) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}

// strData is the address of s's bytes, handed to C for the length of one
// call (the C side copies what it keeps). Go strings hold no Go pointers,
// so this obeys the cgo pointer rules without copying.
func strData(s string) *C.char {
	if len(s) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(*(**byte)(unsafe.Pointer(&s))))
}

// Version is the linked library's version string ("0.1.0").
func Version() string { return C.GoString(C.nomen_version_string()) }

// UnicodeVersion and ICUVersion give the versions the library runs on.
func UnicodeVersion() string { return C.GoString(C.nomen_unicode_version()) }
func ICUVersion() string     { return C.GoString(C.nomen_icu_version()) }

// SubjectType is the kind of subject of a query or a record.
type SubjectType int

// Subject types (NOMEN_SUBJECT_*).
const (
	SubjectAny        SubjectType = 0
	SubjectIndividual SubjectType = 1
	SubjectEntity     SubjectType = 2
	SubjectVessel     SubjectType = 3
	SubjectAircraft   SubjectType = 4
)

func (t SubjectType) String() string {
	p := C.nomen_subject_name(C.int(t))
	if p == nil {
		return fmt.Sprintf("SubjectType(%d)", int(t))
	}
	return C.GoString(p)
}

// ParseSubjectType reads "individual", "entity", "vessel", "aircraft" or "any".
func ParseSubjectType(name string) (SubjectType, error) {
	cs, err := cstring("ParseSubjectType", "name", name)
	if err != nil {
		return 0, err
	}
	defer cfree(cs)
	if cs == nil {
		return 0, newError(C.int(StatusInvalidArg), "ParseSubjectType", "empty name")
	}
	t := C.nomen_subject_from_name(cs)
	if t < 0 {
		return 0, newError(C.int(StatusNotFound), "ParseSubjectType", "unknown subject type "+name)
	}
	return SubjectType(t), nil
}

// ---- builder ----------------------------------------------------------

// Builder loads lists; Build turns them into an Index. One goroutine at a time.
type Builder struct {
	b *C.nomen_builder
}

// NewBuilder creates an empty builder. Close it when done (a finalizer
// frees it otherwise, at some later garbage collection).
func NewBuilder() (*Builder, error) {
	var b *C.nomen_builder
	if rc := C.nomen_builder_new(&b); rc != 0 {
		return nil, newError(rc, "NewBuilder", "")
	}
	bl := &Builder{b: b}
	runtime.SetFinalizer(bl, (*Builder).Close)
	return bl, nil
}

// Close frees the builder. It may be called more than once.
func (b *Builder) Close() error {
	if b != nil && b.b != nil {
		C.nomen_builder_free(b.b)
		b.b = nil
		runtime.SetFinalizer(b, nil)
	}
	return nil
}

func (b *Builder) handle(op string) (*C.nomen_builder, error) {
	if b == nil || b.b == nil {
		return nil, newError(C.int(StatusState), op, "builder is closed")
	}
	return b.b, nil
}

func (b *Builder) fail(rc C.int, op string) error {
	return newError(rc, op, C.GoString(C.nomen_builder_errmsg(b.b)))
}

// SetStrict makes a bad record fail the whole load instead of being skipped.
func (b *Builder) SetStrict(strict bool) {
	if h, err := b.handle("SetStrict"); err == nil {
		v := C.int(0)
		if strict {
			v = 1
		}
		C.nomen_builder_set_strict(h, v)
	}
}

// AddPath loads a list file or a folder holding an official set. format is
// "" to detect it (or "ofac-csv", "generic-csv", ...); listName is "" for
// the list's own short name.
func (b *Builder) AddPath(path, format, listName string) error {
	const op = "Builder.AddPath"
	h, err := b.handle(op)
	if err != nil {
		return err
	}
	if path == "" {
		return newError(C.int(StatusInvalidArg), op, "empty path")
	}
	cp, err := cstring(op, "path", path)
	if err != nil {
		return err
	}
	defer cfree(cp)
	cf, err := cstring(op, "format", format)
	if err != nil {
		return err
	}
	defer cfree(cf)
	cn, err := cstring(op, "list name", listName)
	if err != nil {
		return err
	}
	defer cfree(cn)
	if rc := C.nomen_builder_add_path(h, cp, cf, cn); rc != 0 {
		return b.fail(rc, op)
	}
	return nil
}

// AddMemory loads a list held in memory (single-file formats). name is used
// in messages. data is read during the call and not kept.
func (b *Builder) AddMemory(name string, data []byte, format, listName string) error {
	const op = "Builder.AddMemory"
	h, err := b.handle(op)
	if err != nil {
		return err
	}
	cname, err := cstring(op, "name", name)
	if err != nil {
		return err
	}
	defer cfree(cname)
	cf, err := cstring(op, "format", format)
	if err != nil {
		return err
	}
	defer cfree(cf)
	cn, err := cstring(op, "list name", listName)
	if err != nil {
		return err
	}
	defer cfree(cn)
	var p unsafe.Pointer
	if len(data) > 0 {
		p = unsafe.Pointer(&data[0])
	}
	if rc := C.nomen_builder_add_memory(h, cname, p, C.size_t(len(data)), cf, cn); rc != 0 {
		return b.fail(rc, op)
	}
	return nil
}

// AddString is AddMemory for a list held in a string.
func (b *Builder) AddString(name, data, format, listName string) error {
	return b.AddMemory(name, []byte(data), format, listName)
}

// RecordCount and SkippedCount count the records loaded and skipped so far.
func (b *Builder) RecordCount() int {
	if h, err := b.handle(""); err == nil {
		return int(C.nomen_builder_record_count(h))
	}
	return 0
}

func (b *Builder) SkippedCount() int {
	if h, err := b.handle(""); err == nil {
		return int(C.nomen_builder_skipped_count(h))
	}
	return 0
}

// SkipReport has one line per skipped record ("file:line:col: reason").
func (b *Builder) SkipReport() string {
	if h, err := b.handle(""); err == nil {
		return C.GoString(C.nomen_builder_skip_report(h))
	}
	return ""
}

// Build makes an immutable Index of every list added so far. The builder
// stays usable.
func (b *Builder) Build() (*Index, error) {
	const op = "Builder.Build"
	h, err := b.handle(op)
	if err != nil {
		return nil, err
	}
	var ix *C.nomen_index
	if rc := C.nomen_index_build(h, &ix); rc != 0 {
		return nil, b.fail(rc, op)
	}
	return wrapIndex(ix), nil
}

// ---- index ------------------------------------------------------------

// Index is an immutable compiled index, safe to share between goroutines.
// The C index is reference counted: closing it while matchers still use it
// is safe, its memory goes with the last matcher.
type Index struct {
	ix *C.nomen_index
}

func wrapIndex(ix *C.nomen_index) *Index {
	x := &Index{ix: ix}
	runtime.SetFinalizer(x, (*Index).Close)
	return x
}

// LoadIndex maps an index file written by Index.Save.
func LoadIndex(path string) (*Index, error) {
	const op = "LoadIndex"
	if path == "" {
		return nil, newError(C.int(StatusInvalidArg), op, "empty path")
	}
	cp, err := cstring(op, "path", path)
	if err != nil {
		return nil, err
	}
	defer cfree(cp)
	var buf [1024]C.char
	var ix *C.nomen_index
	if rc := C.nomen_index_load(cp, &ix, &buf[0], C.size_t(len(buf))); rc != 0 {
		return nil, newError(rc, op, C.GoString(&buf[0]))
	}
	return wrapIndex(ix), nil
}

// Close drops this reference. Do not call it while another goroutine is in
// NewMatcher or Save on the same Index.
func (x *Index) Close() error {
	if x != nil && x.ix != nil {
		C.nomen_index_free(x.ix)
		x.ix = nil
		runtime.SetFinalizer(x, nil)
	}
	return nil
}

func (x *Index) handle(op string) (*C.nomen_index, error) {
	if x == nil || x.ix == nil {
		return nil, newError(C.int(StatusState), op, "index is closed")
	}
	return x.ix, nil
}

// Save writes the index to a file that LoadIndex reads back.
func (x *Index) Save(path string) error {
	const op = "Index.Save"
	h, err := x.handle(op)
	if err != nil {
		return err
	}
	if path == "" {
		return newError(C.int(StatusInvalidArg), op, "empty path")
	}
	cp, err := cstring(op, "path", path)
	if err != nil {
		return err
	}
	defer cfree(cp)
	var buf [1024]C.char
	rc := C.nomen_index_save(h, cp, &buf[0], C.size_t(len(buf)))
	runtime.KeepAlive(x)
	if rc != 0 {
		return newError(rc, op, C.GoString(&buf[0]))
	}
	return nil
}

// RecordCount, NameCount: subjects and names (primary and aliases) indexed.
func (x *Index) RecordCount() int {
	if h, err := x.handle(""); err == nil {
		n := int(C.nomen_index_record_count(h))
		runtime.KeepAlive(x)
		return n
	}
	return 0
}

func (x *Index) NameCount() int {
	if h, err := x.handle(""); err == nil {
		n := int(C.nomen_index_name_count(h))
		runtime.KeepAlive(x)
		return n
	}
	return 0
}

// ListInfo is the provenance of one source list of an index.
type ListInfo struct {
	Name     string // "us-ofac-sdn"
	Format   string // "ofac-csv"
	Path     string // as given to the builder
	Date     string // publication date, "" when the file has none
	Checksum string // 16 hex digits
	Records  int
	Skipped  int
}

func gostr(p *C.char) string {
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

// Lists gives the provenance of every source list.
func (x *Index) Lists() []ListInfo {
	h, err := x.handle("")
	if err != nil {
		return nil
	}
	defer runtime.KeepAlive(x)
	n := int(C.nomen_index_list_count(h))
	out := make([]ListInfo, n)
	for i := range out {
		ci := C.size_t(i)
		out[i] = ListInfo{
			Name:     gostr(C.nomen_index_list_name(h, ci)),
			Format:   gostr(C.nomen_index_list_format(h, ci)),
			Path:     gostr(C.nomen_index_list_path(h, ci)),
			Date:     gostr(C.nomen_index_list_date(h, ci)),
			Checksum: gostr(C.nomen_index_list_checksum(h, ci)),
			Records:  int(C.nomen_index_list_records(h, ci)),
			Skipped:  int(C.nomen_index_list_skipped(h, ci)),
		}
	}
	return out
}

// ---- matcher ----------------------------------------------------------

// Options of a matcher. Start from DefaultOptions.
type Options struct {
	Threshold float64 // lowest score reported, in [0, 1]
	Limit     int     // most hits reported, best first; 0 = no limit
	Explain   bool    // build each hit's explanation (costs time)
}

// DefaultOptions gives the library's defaults (threshold 0.80, limit 10).
func DefaultOptions() Options {
	var o C.nomen_options
	C.nomen_options_init(&o)
	return Options{Threshold: float64(o.threshold), Limit: int(o.limit), Explain: o.explain != 0}
}

// Query is one screening request; only Name is required.
type Query struct {
	Name    string
	DOB     string // "1955-11-24", "1955-11" or "1955"; "" when unknown
	Country string // ISO 3166-1 alpha-2 or a country name; "" when unknown
	Type    SubjectType
}

// Hit is one list subject that matched, with the strings copied into Go.
type Hit struct {
	Score       float64
	EntityID    string // the list's own identifier ("36136")
	List        string // the source list ("us-ofac-sdn")
	Name        string // the subject's primary name
	MatchedName string // the name or alias that matched
	Type        SubjectType
	Programs    []string
	// ExplainJSON is the explanation as the C library writes it; empty
	// unless Options.Explain was set. Explanation decodes it.
	ExplainJSON string
}

// Explanation says why a hit scored what it scored.
type Explanation struct {
	Score         float64  `json:"score"`
	NameScore     float64  `json:"name_score"`
	View          string   `json:"view"` // "tokens" or "syllables"
	TokenScore    float64  `json:"token_score"`
	SyllableScore *float64 `json:"syllable_score,omitempty"`
	MatchedName   string   `json:"matched_name"`
	NameKind      string   `json:"name_kind"`
	WeakAlias     bool     `json:"weak_alias"`
	// Tokens, UnmatchedQuery and UnmatchedList: the token view's pairing.
	// When the syllable view decided (View "syllables"), the C JSON holds
	// them under "token_view"; Explanation reads them from there.
	Tokens         []TokenPair `json:"tokens"`
	UnmatchedQuery []string    `json:"unmatched_query"`
	UnmatchedList  []string    `json:"unmatched_list"`
	Syllables      []string    `json:"syllables,omitempty"`
	Evidence       Evidence    `json:"evidence"`
	// KoreanWholeName is set when the whole names have the same Korean form.
	KoreanWholeName string `json:"korean_whole_name,omitempty"`
}

// tokenView is where the token pairing sits in the C JSON when the
// syllable view decided.
type tokenView struct {
	Tokens         []TokenPair `json:"tokens"`
	UnmatchedQuery []string    `json:"unmatched_query"`
	UnmatchedList  []string    `json:"unmatched_list"`
}

// TokenPair is one query token matched to one list token.
type TokenPair struct {
	Query        string  `json:"query"`
	List         string  `json:"list"`
	How          string  `json:"how"`
	Similarity   float64 `json:"similarity"`
	Contribution float64 `json:"contribution"`
	Weight       float64 `json:"weight"`
	FamilyName   bool    `json:"family_name,omitempty"`
}

// Evidence is the secondary evidence: its overall factor, and one item for
// each of date of birth, country and type that the query gave.
type Evidence struct {
	Factor  float64       `json:"factor"`
	DOB     *EvidenceItem `json:"dob,omitempty"`
	Country *EvidenceItem `json:"country,omitempty"`
	Type    *EvidenceItem `json:"type,omitempty"`
}

// EvidenceItem compares one attribute of the query with the list's.
type EvidenceItem struct {
	Query  string `json:"query"`
	List   string `json:"list,omitempty"`
	Effect string `json:"effect"` // "agrees", "contradicts" or "unknown"
}

// Explanation decodes ExplainJSON.
func (h *Hit) Explanation() (*Explanation, error) {
	if h.ExplainJSON == "" {
		return nil, newError(C.int(StatusState), "Hit.Explanation",
			"no explanation: set Options.Explain before screening")
	}
	var e struct {
		Explanation
		TokenView *tokenView `json:"token_view"`
	}
	if err := json.Unmarshal([]byte(h.ExplainJSON), &e); err != nil {
		return nil, newError(C.int(StatusInternal), "Hit.Explanation", err.Error())
	}
	if tv := e.TokenView; tv != nil {
		e.Tokens, e.UnmatchedQuery, e.UnmatchedList = tv.Tokens, tv.UnmatchedQuery, tv.UnmatchedList
	}
	return &e.Explanation, nil
}

// Matcher screens queries against an index. It is per goroutine: never use
// one Matcher from two goroutines at once; give each goroutine its own.
type Matcher struct {
	m   *C.nomen_matcher
	buf *C.nomen_go_buf // packed hits, in C memory
	// intern maps the index's strings (ids, names, lists, programmes) to Go
	// strings made once: hits repeat them, and allocating each anew was most
	// of the binding's overhead. Bounded by internMax.
	intern map[string]string
}

// internMax bounds a matcher's interned strings; past it the map starts over.
const internMax = 1 << 16

// NewMatcher creates a matcher on ix (taking its own reference to it).
func NewMatcher(ix *Index) (*Matcher, error) {
	const op = "NewMatcher"
	h, err := ix.handle(op)
	if err != nil {
		return nil, err
	}
	var m *C.nomen_matcher
	rc := C.nomen_matcher_new(h, &m)
	runtime.KeepAlive(ix)
	if rc != 0 {
		return nil, newError(rc, op, "")
	}
	buf := (*C.nomen_go_buf)(C.calloc(1, C.size_t(unsafe.Sizeof(C.nomen_go_buf{}))))
	if buf == nil {
		C.nomen_matcher_free(m)
		return nil, newError(C.int(StatusNoMem), op, "")
	}
	mt := &Matcher{m: m, buf: buf, intern: make(map[string]string)}
	runtime.SetFinalizer(mt, (*Matcher).Close)
	return mt, nil
}

// Close frees the matcher. It may be called more than once.
func (m *Matcher) Close() error {
	if m != nil && m.m != nil {
		C.nomen_matcher_free(m.m)
		C.nomen_go_buf_free(m.buf)
		C.free(unsafe.Pointer(m.buf))
		m.m, m.buf = nil, nil
		runtime.SetFinalizer(m, nil)
	}
	return nil
}

func (m *Matcher) handle(op string) (*C.nomen_matcher, error) {
	if m == nil || m.m == nil {
		return nil, newError(C.int(StatusState), op, "matcher is closed")
	}
	return m.m, nil
}

func (m *Matcher) fail(rc C.int, op string) error {
	return newError(rc, op, C.GoString(C.nomen_matcher_errmsg(m.m)))
}

// SetOptions sets the threshold, limit and explanations for later screens.
func (m *Matcher) SetOptions(o Options) error {
	const op = "Matcher.SetOptions"
	h, err := m.handle(op)
	if err != nil {
		return err
	}
	if o.Limit < 0 {
		return newError(C.int(StatusInvalidArg), op, "negative limit")
	}
	var co C.nomen_options
	C.nomen_options_init(&co)
	co.threshold = C.double(o.Threshold)
	co.limit = C.size_t(o.Limit)
	if o.Explain {
		co.explain = 1
	}
	if rc := C.nomen_matcher_set_options(h, &co); rc != 0 {
		return m.fail(rc, op)
	}
	return nil
}

// SetIndex switches the matcher to another index (say, a freshly loaded
// list) at a point of the goroutine's choosing.
func (m *Matcher) SetIndex(ix *Index) error {
	const op = "Matcher.SetIndex"
	h, err := m.handle(op)
	if err != nil {
		return err
	}
	xh, err := ix.handle(op)
	if err != nil {
		return err
	}
	rc := C.nomen_matcher_set_index(h, xh)
	runtime.KeepAlive(ix)
	m.intern = make(map[string]string)
	if rc != 0 {
		return m.fail(rc, op)
	}
	return nil
}

// Screen screens one query and returns its hits, best first. Text that is
// not valid UTF-8 gives an *Error with StatusUTF8.
func (m *Matcher) Screen(q Query) ([]Hit, error) {
	const op = "Matcher.Screen"
	h, err := m.handle(op)
	if err != nil {
		return nil, err
	}
	rc := C.nomen_go_screen(h, strData(q.Name), C.size_t(len(q.Name)), strData(q.DOB),
		C.size_t(len(q.DOB)), strData(q.Country), C.size_t(len(q.Country)), C.int(q.Type), m.buf)
	runtime.KeepAlive(q)
	if rc != 0 {
		return nil, m.fail(rc, op)
	}
	return m.unpack(), nil
}

// ScreenName screens a name alone.
func (m *Matcher) ScreenName(name string) ([]Hit, error) {
	return m.Screen(Query{Name: name})
}

// ScreenBytes screens a name given as bytes (checked as UTF-8 by the library).
func (m *Matcher) ScreenBytes(name []byte) ([]Hit, error) {
	const op = "Matcher.ScreenBytes"
	h, err := m.handle(op)
	if err != nil {
		return nil, err
	}
	var p *C.char
	if len(name) > 0 {
		p = (*C.char)(unsafe.Pointer(&name[0]))
	}
	rc := C.nomen_go_screen(h, p, C.size_t(len(name)), nil, 0, nil, 0, 0, m.buf)
	runtime.KeepAlive(name)
	if rc != 0 {
		return nil, m.fail(rc, op)
	}
	return m.unpack(), nil
}

// batch packs queries the way glue.h's nomen_go_screen_many reads them.
type batch struct {
	text  []byte
	ends  []C.size_t
	types []C.int
}

func packBatch(qs []Query) batch {
	n := 0
	for _, q := range qs {
		n += len(q.Name) + len(q.DOB) + len(q.Country)
	}
	b := batch{text: make([]byte, 0, n+1), ends: make([]C.size_t, 0, 3*len(qs)),
		types: make([]C.int, len(qs))}
	for i, q := range qs {
		b.text = append(b.text, q.Name...)
		b.ends = append(b.ends, C.size_t(len(b.text)))
		b.text = append(b.text, q.DOB...)
		b.ends = append(b.ends, C.size_t(len(b.text)))
		b.text = append(b.text, q.Country...)
		b.ends = append(b.ends, C.size_t(len(b.text)))
		b.types[i] = C.int(q.Type)
	}
	b.text = append(b.text, 0) // never empty, so &text[0] is valid
	return b
}

// ScreenMany screens a batch in one call into C, which saves the per-call
// cost of Screen; result i holds the hits of qs[i]. On failure the *Error's
// Query field says which query failed, and nothing is returned. Every hit
// is decoded; ScreenBatch decodes a query's hits only when they are read.
func (m *Matcher) ScreenMany(qs []Query) ([][]Hit, error) {
	starts, counts, err := m.screenBatch("Matcher.ScreenMany", qs)
	if err != nil {
		return nil, err
	}
	out := make([][]Hit, len(qs))
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	if total == 0 {
		return out, nil
	}
	if len(m.intern) > internMax {
		m.intern = make(map[string]string)
	}
	d := decoder{data: m.bytes(), intern: m.intern}
	all := make([]Hit, total) // one allocation; each query's hits a slice of it
	k := 0
	for i, c := range counts {
		if c == 0 {
			continue
		}
		d.off = int(starts[i])
		hits := all[k : k+int(c) : k+int(c)]
		for j := range hits {
			hits[j] = d.hit()
		}
		out[i] = hits
		k += int(c)
	}
	runtime.KeepAlive(m)
	return out, nil
}

// ScreenBatch screens a batch as ScreenMany does and returns the packed
// hits, decoded into Hit values only when Batch.Hits asks: a screening loop
// that looks at each query's HitCount and reads the hits of the few that
// hit pays for no other Hit. On failure the *Error's Query field says which
// query failed.
func (m *Matcher) ScreenBatch(qs []Query) (*Batch, error) {
	starts, counts, err := m.screenBatch("Matcher.ScreenBatch", qs)
	if err != nil {
		return nil, err
	}
	b := &Batch{starts: starts, counts: counts}
	if len(qs) > 0 && starts[len(qs)] > 0 {
		b.data = append([]byte(nil), m.bytes()...)
	}
	runtime.KeepAlive(m)
	return b, nil
}

// screenBatch screens qs in one call into C, leaving their packed hits in
// m.buf: query i's at bytes [starts[i], starts[i+1]), counts[i] of them.
func (m *Matcher) screenBatch(op string, qs []Query) ([]uint64, []uint32, error) {
	h, err := m.handle(op)
	if err != nil {
		return nil, nil, err
	}
	if len(qs) == 0 {
		return []uint64{0}, []uint32{}, nil
	}
	b := packBatch(qs)
	starts := make([]uint64, len(qs)+1)
	counts := make([]uint32, len(qs))
	var failed C.size_t
	rc := C.nomen_go_screen_many(h, (*C.char)(unsafe.Pointer(&b.text[0])), &b.ends[0],
		&b.types[0], C.size_t(len(qs)), m.buf, (*C.uint64_t)(unsafe.Pointer(&starts[0])),
		(*C.uint32_t)(unsafe.Pointer(&counts[0])), &failed)
	runtime.KeepAlive(&b)
	if rc != 0 {
		e := m.fail(rc, op).(*Error)
		e.Query = int(failed)
		return nil, nil, e
	}
	return starts, counts, nil
}

// Batch is the result of ScreenBatch: the hits of each query of a batch, in
// the packed form the library gave them, decoded when read. A Batch owns
// its memory (it needs no Close) and never changes, so any number of
// goroutines may read it at once.
type Batch struct {
	data   []byte
	starts []uint64 // query i's hits: data[starts[i]:starts[i+1]]
	counts []uint32
}

// Len is the number of queries.
func (b *Batch) Len() int { return len(b.counts) }

// HitCount is the number of hits of query i, without decoding them. It
// panics when i is out of range, as indexing a slice does.
func (b *Batch) HitCount(i int) int { return int(b.counts[i]) }

// Hits decodes the hits of query i, best first (nil when none). Each call
// decodes anew and returns a new slice. It panics when i is out of range.
func (b *Batch) Hits(i int) []Hit {
	c := b.counts[i]
	if c == 0 {
		return nil
	}
	d := decoder{data: b.data, off: int(b.starts[i])}
	hits := make([]Hit, c)
	for j := range hits {
		hits[j] = d.hit()
	}
	return hits
}

// All decodes every query's hits, as ScreenMany returns them.
func (b *Batch) All() [][]Hit {
	out := make([][]Hit, len(b.counts))
	for i := range out {
		out[i] = b.Hits(i)
	}
	return out
}

// TimeInC is for benchmarks: it screens the same queries rounds times from
// C alone (no Go in the loop) and returns the seconds taken, the figure to
// compare a binding's throughput with.
func (m *Matcher) TimeInC(qs []Query, rounds int) (float64, error) {
	h, err := m.handle("Matcher.TimeInC")
	if err != nil {
		return 0, err
	}
	b := packBatch(qs)
	s := C.nomen_go_time_c(h, (*C.char)(unsafe.Pointer(&b.text[0])), &b.ends[0], &b.types[0],
		C.size_t(len(qs)), C.int(rounds))
	runtime.KeepAlive(&b)
	if s < 0 {
		return 0, m.fail(C.nomen_go_screen(h, nil, 0, nil, 0, nil, 0, 0, m.buf), "Matcher.TimeInC")
	}
	return float64(s), nil
}

// cHeapInUse is the C heap in use, for the leak test.
func cHeapInUse() int { return int(C.nomen_go_heap_in_use()) }

// bytes is the matcher's packed hits, in C memory: valid until its next
// screen.
func (m *Matcher) bytes() []byte {
	if m.buf.len == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(m.buf.data)), int(m.buf.len))
}

// unpack decodes the packed hits of one screen.
func (m *Matcher) unpack() []Hit {
	data := m.bytes()
	if len(data) == 0 {
		return nil
	}
	if len(m.intern) > internMax {
		m.intern = make(map[string]string)
	}
	d := decoder{data: data, intern: m.intern}
	var hits []Hit
	for d.off < len(data) {
		hits = append(hits, d.hit())
	}
	runtime.KeepAlive(m)
	return hits
}

// decoder reads packed hits (see glue.c for the layout) from data at off.
// With an intern map, the strings that hits repeat (ids, names, lists,
// programmes) are made once.
type decoder struct {
	data   []byte
	off    int
	intern map[string]string
}

func (d *decoder) str(intern bool) string {
	l := binary.LittleEndian.Uint32(d.data[d.off:])
	d.off += 4
	if l == math.MaxUint32 {
		return ""
	}
	b := d.data[d.off : d.off+int(l)]
	d.off += int(l)
	if !intern || d.intern == nil {
		return string(b)
	}
	// The compiler does not allocate for string(b) as a map key.
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	d.intern[s] = s
	return s
}

// hit decodes the next hit.
func (d *decoder) hit() Hit {
	le := binary.LittleEndian
	var h Hit
	h.Type = SubjectType(int32(le.Uint32(d.data[d.off:])))
	h.Score = math.Float64frombits(le.Uint64(d.data[d.off+4:]))
	np := int(le.Uint32(d.data[d.off+12:]))
	d.off += 16
	h.EntityID = d.str(true)
	h.List = d.str(true)
	h.Name = d.str(true)
	h.MatchedName = d.str(true)
	h.ExplainJSON = d.str(false)
	if np > 0 {
		h.Programs = make([]string, np)
		for k := range h.Programs {
			h.Programs[k] = d.str(true)
		}
	}
	return h
}
