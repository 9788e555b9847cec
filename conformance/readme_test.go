package conformance

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeListsEveryDifference keeps the README's "Differences from
// Express" and this suite's difference IDs the same set, so that neither can
// drift from the other.
func TestReadmeListsEveryDifference(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	start := strings.Index(readme, "## Differences from Express")
	require.GreaterOrEqual(t, start, 0, "README.md has no \"Differences from Express\" section")
	section := readme[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var ids []string
	for id := range differences {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		assert.Contains(t, section, "**"+id+":", "README.md does not explain %s", id)
	}
	for _, line := range strings.Split(section, "\n") {
		if i := strings.Index(line, "**D-"); i >= 0 {
			id := line[i+2:]
			id = id[:strings.Index(id, ":")]
			assert.Contains(t, differences, id, "README.md explains %s, which no conformance case asserts", id)
		}
	}
}
