package gincors

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// AllowOriginRegexps entries are checked when the policy is compiled: an
// expression that can never serve as intended (unanchored, or unable to
// match any origin) is refused with a corrected expression when one is
// found. The checks read the parsed expression, simplified, and err towards
// accepting: they only refuse what can never match an origin as meant.

// Why an AllowOriginRegexps entry can never serve as intended.
const (
	regexpUnanchored = "the regexp is not anchored, so it also matches lookalike origins that merely contain a match"
	regexpNoScheme   = "no string it matches has a scheme, so it matches no origin"
	regexpPath       = `every string it matches has a path, which an origin never has (no "/" after the host)`
)

// regexpProblem says why the AllowOriginRegexps entry src can never serve
// as intended, and what to write instead, or returns "", "". A suggested
// expression is offered only when it passes the same check.
func regexpProblem(src string) (problem, fix string) {
	switch problem = regexpFault(src); problem {
	case regexpUnanchored:
		fix = suggestRegexp("anchor it", `put ^ before and $ after every alternative, without the (?m) flag`,
			anchor(src), anchor(strings.Replace(src, "(?m)", "", 1)), "^(?:"+src+")$")
	case regexpNoScheme:
		// Every origin but "null", which no regexp may admit, has "://".
		fix = suggestRegexp("start it with the scheme", `begin it with ^https:// as in "^https://app\.example\.com$"`,
			insertAfterCaret(src, "https://"))
	case regexpPath:
		fix = suggestRegexp("drop the path", `end it with the host or port, as in "^https://app\.example\.com$"`,
			strings.TrimSuffix(src, "/$")+"$")
	}
	return problem, fix
}

// regexpFault returns one of the regexp problems above, or "".
func regexpFault(src string) string {
	tree, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return regexpUnanchored // not one regexp.Compile accepted
	}
	tree = tree.Simplify()
	switch {
	case !anchoredTree(tree):
		return regexpUnanchored
	case !mayMatchColon(tree):
		return regexpNoScheme
	case endsWithSlash(tree) || hasPathLiteral(tree):
		return regexpPath
	}
	return ""
}

// suggestRegexp returns "verb: regexp.MustCompile(...)" with the first
// candidate that is a valid AllowOriginRegexps entry, or the advice in
// words when none is.
func suggestRegexp(verb, words string, candidates ...string) string {
	for _, c := range candidates {
		if _, err := regexp.Compile(c); err == nil && regexpFault(c) == "" {
			return fmt.Sprintf("%s: regexp.MustCompile(%q)", verb, c)
		}
	}
	return words
}

// insertAfterCaret inserts text after the leading ^ of src, or returns ""
// when src has none.
func insertAfterCaret(src, text string) string {
	if !strings.HasPrefix(src, "^") {
		return ""
	}
	return "^" + text + src[1:]
}

// mayMatchColon reports whether some string t matches may contain ":".
// It errs towards yes: it only has to spot expressions that never could.
func mayMatchColon(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		return strings.ContainsRune(string(t.Rune), ':')
	case syntax.OpCharClass:
		for i := 0; i+1 < len(t.Rune); i += 2 {
			if t.Rune[i] <= ':' && ':' <= t.Rune[i+1] {
				return true
			}
		}
		return false
	}
	return slices.ContainsFunc(t.Sub, mayMatchColon)
}

// endsWithSlash reports whether every alternative of an anchored t ends in
// a literal "/" just before $: an origin never ends so.
func endsWithSlash(t *syntax.Regexp) bool {
	return everyBranch(t, func(b *syntax.Regexp) bool {
		if n := len(b.Sub); b.Op == syntax.OpConcat && n >= 2 && b.Sub[n-1].Op == syntax.OpEndText {
			last := b.Sub[n-2]
			return last.Op == syntax.OpLiteral && last.Rune[len(last.Rune)-1] == '/'
		}
		return false
	})
}

// hasPathLiteral reports whether every alternative of t requires a "/"
// right after a byte that is neither ":" nor "/", which happens in a URL
// only in its path.
func hasPathLiteral(t *syntax.Regexp) bool {
	return everyBranch(t, func(b *syntax.Regexp) bool {
		switch b.Op {
		case syntax.OpLiteral:
			for i := 1; i < len(b.Rune); i++ {
				if b.Rune[i] == '/' && b.Rune[i-1] != ':' && b.Rune[i-1] != '/' {
					return true
				}
			}
		case syntax.OpConcat:
			return slices.ContainsFunc(b.Sub, hasPathLiteral)
		}
		return false
	})
}

// anchoredTree reports whether t, simplified, can only match a whole
// string: every alternative starts with ^ and ends with $ (without the m
// flag, where they would match at line breaks).
func anchoredTree(t *syntax.Regexp) bool {
	return everyBranch(t, func(b *syntax.Regexp) bool {
		return b.Op == syntax.OpConcat && len(b.Sub) >= 2 && startsText(b.Sub[0]) && endsText(b.Sub[len(b.Sub)-1])
	})
}

// everyBranch reports whether f holds for every alternative of t, looking
// through captures and nested alternations.
func everyBranch(t *syntax.Regexp, f func(*syntax.Regexp) bool) bool {
	switch t.Op {
	case syntax.OpCapture:
		return everyBranch(t.Sub[0], f)
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			if !everyBranch(s, f) {
				return false
			}
		}
		return true
	}
	return f(t)
}

func startsText(t *syntax.Regexp) bool {
	if t.Op == syntax.OpCapture || (t.Op == syntax.OpConcat && len(t.Sub) > 0) {
		return startsText(t.Sub[0])
	}
	return t.Op == syntax.OpBeginText
}

func endsText(t *syntax.Regexp) bool {
	if t.Op == syntax.OpCapture || (t.Op == syntax.OpConcat && len(t.Sub) > 0) {
		return endsText(t.Sub[len(t.Sub)-1])
	}
	return t.Op == syntax.OpEndText
}

// anchor suggests the anchored form of an expression.
func anchor(src string) string {
	core := strings.TrimSuffix(strings.TrimPrefix(src, "^"), "$")
	if strings.Contains(core, "|") {
		return "^(?:" + core + ")$"
	}
	return "^" + core + "$"
}
