package model_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// knownState are the package-level variables a function still writes, each
// with why it may; any other fails TestNoPackageState.
var knownState = map[string]string{
	"load.active":        "the schema recorder of RecordSchemas (make schemas, tests), never set in a build",
	"release.fieldsOf":   "a cache of the YAML fields of Go types, as encoding/json keeps one: it follows from the code alone",
	"interrupt.cleanups": "signals reach the whole process: what to clean up on SIGINT is the process's",
	"interrupt.next":     "the key of the next interrupt.cleanups entry",
}

// No package of generator/ keeps mutable state in package-level variables:
// the code is read, not grepped. A function that assigns to one, changes an
// element of one, or calls a sync.Map's Store/LoadOrStore/Delete on one
// fails, unless it does so in init or inside a sync.Once's Do (a table or
// value computed once: fonts, hyphenation patterns) or is listed in
// knownState. model.Memoize's
// map of resolved models (a global sync.Map keyed by *Site) was such state.
func TestNoPackageState(t *testing.T) {
	type pkgFile struct {
		file *ast.File
		name string
	}
	byPkg := map[string][]pkgFile{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		byPkg[filepath.Dir(p)] = append(byPkg[filepath.Dir(p)], pkgFile{f, p})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(byPkg) < 20 {
		t.Fatalf("read %d packages of generator/: not the tree", len(byPkg))
	}
	found := 0
	for dir, files := range byPkg {
		globals := map[string]bool{}
		specs := map[any]bool{} // the package-level declarations
		for _, pf := range files {
			for _, d := range pf.file.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, s := range g.Specs {
						specs[s] = true
						for _, n := range s.(*ast.ValueSpec).Names {
							globals[n.Name] = true
						}
					}
				}
			}
		}
		pkg := filepath.Base(dir)
		isGlobal := func(e ast.Expr) (string, bool) {
			for {
				switch x := e.(type) {
				case *ast.Ident:
					// Unresolved in its file: declared in another file of
					// the package; resolved: local unless a package-level spec.
					local := x.Obj != nil && !specs[x.Obj.Decl]
					return x.Name, globals[x.Name] && !local
				case *ast.SelectorExpr:
					e = x.X
				case *ast.IndexExpr:
					e = x.X
				case *ast.StarExpr:
					e = x.X
				case *ast.ParenExpr:
					e = x.X
				default:
					return "", false
				}
			}
		}
		for _, pf := range files {
			report := func(n ast.Node, name, how string) {
				if _, ok := knownState[pkg+"."+name]; ok {
					found++
					return
				}
				t.Errorf("%s: %s %s.%s, a package-level variable: pass the state as a value instead", fset.Position(n.Pos()), how, pkg, name)
			}
			for _, d := range pf.file.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil || fn.Name.Name == "init" && fn.Recv == nil {
					continue // init fills tables before any code runs
				}
				var inOnce []ast.Node // Do(func(){…}) bodies
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					if n == nil {
						return true
					}
					if call, ok := n.(*ast.CallExpr); ok {
						if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
							switch sel.Sel.Name {
							case "Do":
								for _, a := range call.Args {
									if lit, ok := a.(*ast.FuncLit); ok {
										inOnce = append(inOnce, lit)
									}
								}
							case "Store", "LoadOrStore", "LoadAndDelete", "Delete", "Swap", "CompareAndSwap", "Clear":
								if name, ok := isGlobal(sel.X); ok && !within(n, inOnce) {
									report(n, name, "calls "+sel.Sel.Name+" on")
								}
							}
						}
					}
					var lhs []ast.Expr
					switch s := n.(type) {
					case *ast.AssignStmt:
						if s.Tok != token.DEFINE {
							lhs = s.Lhs
						}
					case *ast.IncDecStmt:
						lhs = []ast.Expr{s.X}
					}
					for _, e := range lhs {
						if name, ok := isGlobal(e); ok && !within(n, inOnce) {
							report(n, name, "writes")
						}
					}
					return true
				})
			}
		}
	}
	if found == 0 {
		t.Error("none of knownState was found: the test does not see package-level writes (or remove them from the list)")
	}
}

// within reports whether n lies inside one of the nodes.
func within(n ast.Node, in []ast.Node) bool {
	for _, o := range in {
		if n.Pos() >= o.Pos() && n.End() <= o.End() {
			return true
		}
	}
	return false
}
