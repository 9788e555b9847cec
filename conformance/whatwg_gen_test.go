package conformance

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// originInput is one AllowOrigins entry of the WHATWG differential. Class is
// the generator's name for what it varies, used only to count and report the
// cases; the verdict comes from Node and gincors, never from the class.
type originInput struct {
	In    string
	Class string
}

// Ingredients of the generated entries, each written as a user might type it
// into AllowOrigins. The hosts are grouped by what they exercise.
var (
	genSchemes = []string{"http", "https", "ws", "wss", "ftp", "HTTP", "HTTPS", "Https", "WsS", "FTP",
		"file", "foo", "chrome-extension", "tauri", "a+b.c-d", "1http", "ht_tp", "blob"}

	genPorts = []string{"", ":", ":80", ":443", ":21", ":8080", ":0", ":1", ":65535", ":65536", ":080",
		":0443", ":000021", ":00000000000080", ":99999", ":-1", ":8a", ":+80", ":0x50", "::80", ": 80"}

	genHosts = map[string][]string{
		"case": {"a.com", "A.COM", "Example.Com", "EXAMPLE.com", "localhost", "LOCALHOST", "LocalHost",
			"sub.example.co.uk", "SUB.Example.CO.uk", "a-b.example", "a_b.example", "-a.example",
			"a-.example", "ab--cd.example", "0.example", "123abc.example", "x", "X", "é"},
		"ipv4": {"127.0.0.1", "127.1", "0x7f.1", "0x7F.0.0.1", "0X7F.1", "2130706433", "0177.0.0.1",
			"0177.1", "127.0.0.1.", "127.0.1", "1.2.3.4", "255.255.255.255", "256.0.0.1", "0.0.0.0",
			"00.0.0.0", "1.2.3.4.5", "0x100000000", "4294967295", "4294967296", "1.2.3.09", "09.1.1.1",
			"127.0.0.1..", "0x", "a.0x1", "a.0x", "a.1", "a.09", "example.123", "1.2.3.4.",
			"127.000.000.001", "0x7f.0x0.0x0.0x1", "1.0x", "0..1"},
		"ipv6": {"[::1]", "[0:0:0:0:0:0:0:1]", "[::]", "[::FFFF:1.2.3.4]", "[::ffff:7f00:1]",
			"[::1.2.3.4]", "[::127.0.0.1]", "[2001:db8::1]", "[2001:DB8:0:0:1:0:0:1]",
			"[2001:db8:0:1:0:0:0:1]", "[1:0:0:2:0:0:0:3]", "[1:0:2:0:3:0:4:0]", "[fe80::1%25eth0]",
			"[fe80::1%eth0]", "[::1", "::1", "[::1]]", "[1::2::3]", "[::ffff:127.1]",
			"[::ffff:0177.0.0.1]", "[v1.x]", "[0:0:0:0:0:0:0:0:1]", "[::ffff:1.2.3.4.5]",
			"[FE80::ABCD]", "[::1%]", "[1:2:3:4:5:6:7::]", "[::2:3:4:5:6:7:8]", "[0::0:1]",
			"[::ffff:0:1.2.3.4]", "[1:2:3:4:5:6:1.2.3.4]", "[::00001]", "[]"},
		"idna": {"bücher.example", "BÜCHER.example", "xn--bcher-kva.example", "XN--BCHER-KVA.example",
			"Xn--bcher-kva.example", "ＥＸＡＭＰＬＥ.com", "ex\u00adample.com", "straße.de", "ß.de",
			"\u212a.com", "exam\u200bple.com", "xn--a.com", "xn--.com", "münchen.de", "日本.jp",
			"例え.テスト", "a。b.com", "☃.com", "xn--n3h.com", "\u0660.com", "ab\u0301.com",
			"xn--zca.de", "fa\u00df.de", "İ.com", "ⓐ.com", "a\u2024b.com"},
		"percent": {"%61.com", "a%2Eb.com", "a.com%2E", "%41.com", "a%20b.com", "a%00.com", "%zz.com",
			"%E2%98%83.com", "xn--n3h%2Ecom", "%31%32%37.0.0.1", "a%2e%2ecom", "%5B::1%5D"},
		"labels": {"a..com", ".a.com", "a.com.", "a.com..", "..", ".", "a.", "A.COM.",
			strings.Repeat("a", 63) + ".com", strings.Repeat("a", 64) + ".com",
			longHost(253), longHost(254), "a!b.com", "a$b.com", "a&b.com", "a'b.com", "a(b).com",
			"a+b.com", "a,b.com", "a;b.com", "a=b.com", "a~b.com", `a"b.com`, "a{b}.com", "a`b.com",
			"a^b.com", "a|b.com", "a<b.com", "a[b.com", "", "a*b.com"},
	}

	// genShapes put a base origin into the forms the URL parser forgives: S
	// stands for its scheme, H for its host and port.
	genShapes = []struct{ class, shape string }{
		{"path", "S://H/"}, {"path", "S://H/x"}, {"path", "S://H//"}, {"path", "S://H/?"},
		{"query", "S://H?"}, {"query", "S://H?q=1"}, {"fragment", "S://H#"}, {"fragment", "S://H#f"},
		{"path", "S://H/#"}, {"query", "S://H?#"},
		{"userinfo", "S://u@H"}, {"userinfo", "S://u:p@H"}, {"userinfo", "S://@H"}, {"userinfo", "S://:@H"},
		{"userinfo", "S://evil.com@H"}, {"userinfo", "S://u@v@H"}, {"userinfo", "S://H@evil.com"},
		{"userinfo", "S://%40@H"},
		{"whitespace", " S://H"}, {"whitespace", "S://H "}, {"whitespace", "\tS://H"},
		{"whitespace", "S://H\n"}, {"whitespace", "S://H\r\n"}, {"whitespace", "S:/\t/H"},
		{"whitespace", "S://\nH"}, {"whitespace", "\x00S://H"}, {"whitespace", "S://H\x00"},
		{"whitespace", "S://H\x1f"}, {"whitespace", "S://H\x7f"}, {"whitespace", "\u00a0S://H"},
		{"whitespace", "S://H\u3000"}, {"whitespace", "S://H\x0b"}, {"whitespace", "S://H\x0c"},
		{"backslash", `S:\\H`}, {"backslash", `S:/\H`}, {"backslash", `S:\/H`}, {"backslash", `S://H\`},
		{"backslash", `S://H\x`}, {"backslash", `S:\\\H`},
		{"slashes", "S:H"}, {"slashes", "S:/H"}, {"slashes", "S:///H"}, {"slashes", "S:////H"},
		{"slashes", "S//H"}, {"slashes", "//H"}, {"slashes", "H"}, {"slashes", "S:://H"},
		{"scheme", "blob:S://H/uuid"}, {"scheme", "blob:S://H"}, {"scheme", "view-source:S://H"},
		{"scheme", "S+x://H"}, {"scheme", "-S://H"}, {"scheme", "S ://H"},
	}

	// genShapeBases are the origins the shapes are applied to.
	genShapeBases = [][2]string{{"https", "a.com"}, {"http", "localhost:3000"}, {"HTTPS", "A.COM:443"},
		{"http", "127.0.0.1:8080"}, {"http", "[::1]:80"}, {"wss", "a.com"}, {"ftp", "a.com"},
		{"https", "xn--bcher-kva.example"}, {"foo", "a.com"}, {"http", "0x7f.1"}, {"https", "bücher.example"},
		{"file", ""}}
)

// longHost is a valid DNS name of n bytes made of 63-byte labels.
func longHost(n int) string {
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.Repeat("a", min(63, n-b.Len())))
	}
	return b.String()
}

// genOrigins returns the differential's AllowOrigins entries: exhaustive
// products of the small sets, a seeded random sample of the large product,
// the parser-forgiven shapes, wildcard patterns and hand-picked edge cases;
// deterministic, deduplicated, all valid UTF-8.
func genOrigins() []originInput {
	var out []originInput
	seen := map[string]bool{}
	add := func(class, s string) {
		if !utf8.ValidString(s) {
			panic("generator produced invalid UTF-8: " + s)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, originInput{s, class})
		}
	}
	classes := []string{"case", "ipv4", "ipv6", "idna", "percent", "labels"}

	// Every host of every class with http and https and every port.
	for _, class := range classes {
		for _, h := range genHosts[class] {
			for _, s := range []string{"http", "https"} {
				for _, p := range genPorts {
					add(class, s+"://"+h+p)
				}
			}
		}
	}
	// Every scheme with a few hosts and every port: default ports of every
	// special scheme, non-special schemes, invalid schemes.
	for _, s := range genSchemes {
		for _, h := range []string{"a.com", "A.COM", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "bücher.example", "localhost"} {
			for _, p := range genPorts {
				add("port", s+"://"+h+p)
			}
		}
	}
	// A seeded sample of the whole product.
	rng := rand.New(rand.NewPCG(7, 7))
	var allHosts []string
	hostClass := map[string]string{}
	for _, class := range classes {
		for _, h := range genHosts[class] {
			allHosts = append(allHosts, h)
			hostClass[h] = class
		}
	}
	for range 2500 {
		h := allHosts[rng.IntN(len(allHosts))]
		add(hostClass[h], genSchemes[rng.IntN(len(genSchemes))]+"://"+h+genPorts[rng.IntN(len(genPorts))])
	}
	// Shapes around origins.
	for _, b := range genShapeBases {
		for _, sh := range genShapes {
			add(sh.class, strings.NewReplacer("S", b[0], "H", b[1]).Replace(sh.shape))
		}
	}
	for _, p := range genPatterns() {
		add(p[0], p[1])
	}
	for _, s := range handPicked {
		add("edge", s)
	}
	return out
}

// genPatterns returns subdomain and any-port patterns, valid and not.
func genPatterns() [][2]string {
	var out [][2]string
	domains := []string{"example.com", "EXAMPLE.com", "Example.Co.Uk", "localhost", "com", "a.b.example",
		"xn--bcher-kva.example", "bücher.example", "example.com.", "127.0.0.1", "[::1]", "a..com",
		"a_b.example", "%65xample.com", "0x7f.1", "x", "a!b.com", longHost(251)}
	schemes := []string{"https", "http", "HTTPS", "ws", "wss", "ftp", "foo"}
	ports := []string{"", ":443", ":80", ":8443", ":08443", ":*", ":0", ":65536", ":"}
	for _, s := range schemes {
		for _, d := range domains {
			for _, p := range ports {
				out = append(out, [2]string{"subdomain-pattern", s + "://*." + d + p})
			}
		}
	}
	for _, s := range schemes {
		for _, h := range []string{"localhost", "LOCALHOST", "127.0.0.1", "[::1]", "example.com", "bücher.example", "127.1", "a.com."} {
			out = append(out, [2]string{"any-port-pattern", s + "://" + h + ":*"})
		}
	}
	for _, s := range []string{
		"https://*", "https://*:443", "http://*:*", "*://a.com", "https://a.com:8*", "https://a.*.example.com",
		"https://*example.com", "*.example.com", "https://**.example.com", "https://*.*.example.com",
		"https://*.example.com/", "https://u@*.example.com", "https://*.example.com:*:*", "https://*-a.example.com",
		"https://*.example.*", "https://a*.example.com", " https://*.example.com", "https://*.example.com:**",
		"*", "https://*.example.com:443/", "HTTPS://*.EXAMPLE.COM:443", "http://localhost:*/", "http://localhost*",
		"http://[::1]:*", "http://*.[::1]", "https://*.ｅｘａｍｐｌｅ.com", "https://*..example.com",
		"https://*.example.com%2F", "https:\\\\*.example.com", "https:*.example.com",
	} {
		out = append(out, [2]string{"wildcard-misc", s})
	}
	return out
}

// handPicked are inputs the products do not reach.
var handPicked = []string{
	"null", "NULL", "Null", "null ", "data:,", "about:blank", "javascript:alert(1)", "https://", "https:", "://a.com",
	"http://a.com:80:80", "http://a.com:80/:80", "https://a.com:443@b.com", "https://a.com:443#@b.com",
	"https://a.com?@b.com", "https://[::1]:443", "http://[::1]:080", "https://[::ffff:127.0.0.1]",
	"wss://a.com:443", "ws://a.com:80", "ftp://a.com:21", "ws://a.com:443", "wss://a.com:80", "ftp://a.com:80",
	"WS://A.COM:80", "WSS://A.COM:00443", "FTP://A.COM:0021", "http://a.com:443", "https://a.com:80",
	"https://a.com:0000", "https://a.com:65535", "file:///etc/passwd", "file://localhost", "FILE://a.com",
	"chrome-extension://abcdefghijklmnopabcdefghijklmnop", "moz-extension://0c1f2e3d-aaaa-bbbb-cccc-0123456789ab",
	"tauri://localhost", "capacitor://localhost", "foo://A.COM:080", "foo://", "foo://a.com:65536",
	"foo://[::1]:80", "foo://a b", "foo://%41.com", "https://a.com\u2028", "https://a.com\ufeff",
	"https://a.com/%2F", "https://a.com:8080?", "https://xn--bcher-kva.example:8443", "https://0x7f.1:8080",
	"http://127.0.0.1:80", "http://[0000:0000:0000:0000:0000:0000:0000:0001]:8080",
	"https://" + strings.Repeat("a.", 126) + "a", "https://" + strings.Repeat("a.", 127) + "a",
	"https://exa%6Dple.com", "https://EXA%6Dple.com", "https://a.com%3A80", "https://a.com%2F",
	"https://[::1]%2F", "https://a\u00adb.com", "https://a.com\t", "https://a\t.com", "https://a.com:4\t43",
	"https://a.com:\t443", "https://a.com\\", "http:\\\\localhost:3000", "https://@a.com:443",
	"https://a.com:443:", "https://a.com::", "https://a.com:1:", "http://0.0.0.0:0",
}
