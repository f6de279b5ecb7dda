// The package example shown by go doc; go test runs it and checks its output.
package nomen_test

import (
	"fmt"
	"os"
	"path/filepath"

	"nomen"
)

func ExampleMatcher_Screen() {
	root := os.Getenv("NOMEN_SOURCE_DIR")
	if root == "" {
		root = "../.."
	}
	b, err := nomen.NewBuilder()
	if err != nil {
		panic(err)
	}
	defer b.Close()
	if err := b.AddPath(filepath.Join(root, "data", "sample-list.csv"), "", ""); err != nil {
		panic(err)
	}
	ix, err := b.Build()
	if err != nil {
		panic(err)
	}
	defer ix.Close()

	m, err := nomen.NewMatcher(ix) // one per goroutine
	if err != nil {
		panic(err)
	}
	defer m.Close()
	hits, err := m.Screen(nomen.Query{Name: "Ch'en Ch'üan-kuo", DOB: "1955", Country: "CN"})
	if err != nil {
		panic(err)
	}
	for _, h := range hits {
		fmt.Println(h.EntityID, h.Name, h.Programs)
	}
	_, err = m.ScreenBytes([]byte("Ch\xe9n"))
	fmt.Println(err != nil)
	// Output:
	// ofac-29220 CHEN, Quanguo [GLOMAG]
	// true
}
