// A new user's CI build: stable Surefire names, progress lines, one line per passing model, shared models correct.
def text = { String path -> new File(basedir, path).getText('UTF-8') }
def log = text('build.log')
assert log.contains('BUILD SUCCESS') : 'the ci-names build failed: see its build.log'

// ---- Surefire's names: model, phase and component only, never a number from a ratio.
def reports = new File(basedir, 'target/surefire-reports')
def names = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
        .collectMany { f -> (f.getText('UTF-8') =~ /<testcase name="([^"]*)" classname="([^"]*)"/).collect { it[2] + ' ' + it[1] } }
        .sort()
assert names.size() > 100 : "too few test cases: $names"
def ratio = ~/\d\.\d+e[-+]?\d+|\d\.\d+E[-+]?\d+/
assert names.every { !(it =~ ratio) && !(it =~ /GOOD|INSPECT|BUG/) } : names.findAll { it =~ ratio || it =~ /GOOD|INSPECT|BUG/ }
assert names.contains('com.example.MlpTest everyMlp(Mlp) Mlp #01 [init] dW1 (4×3)')
assert names.contains('com.example.MlpTest everyMlp(Mlp) Mlp #12 [after 100 steps] db2 (1×1)')
assert names.contains('com.example.MlpTest everyMlp(Mlp) Mlp #12 [report]')
assert names.contains('com.example.SharedModelTest fourth(Mlp)[after 100 steps] dW2 (1×6)')
assert names.contains('com.example.SlowModelTest slow(Slow)[init] dW1 (12×10)')
new File(basedir, 'target/test-names.txt').setText(names.join('\n') + '\n', 'UTF-8')
// Run again (a second clone, and JDK 25 where the machine has it): the very same names.
if (binding.hasVariable('compareWith') && compareWith) {
    def first = new File(compareWith)
    assert first.exists() : "no names of the first run at $first"
    def before = first.getText('UTF-8').readLines()
    assert before == names : "names differ between runs: only before ${before - names}, only now ${names - before}"
}

// ---- Every node passed, the shared model too (four methods in parallel on one instance).
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') }.collect { it.getText('UTF-8') }.join('\n')
assert !xml.contains('<failure') && !xml.contains('<error') : 'a test failed'

// ---- A check of over 10 s prints plain progress lines on stderr, no carriage returns.
def progress = log.readLines().findAll { it =~ /gradcheck: dW1 of model slow: \d+% of 120 coordinates, \d+ s left/ }
assert progress.size() >= 1 : 'no progress line for the slow check'
assert !log.contains('\r') : 'a carriage return in the build log'

// ---- A passing suite prints one line per model, not the report.
def summaries = log.readLines().findAll { it =~ /^gradcheck: .* GOOD, ratio \S+, \d phases?, \d+ parameters/ }
assert summaries.size() == 12 + 4 + 1 : "one line per checked model, got ${summaries.size()}: $summaries"
assert !log.contains('gradient check of Mlp') : 'a passing model printed its whole report'

// ---- docs/junit.md's setup snippets are in this pom exactly as written (the version as the reactor's).
if (binding.hasVariable('docs') && docs) {
    def md = new File(docs).getText('UTF-8')
    def pom = text('pom.xml')
    def norm = { String s -> s.readLines()*.trim().findAll { it }.join('\n') }
    def blocks = (md =~ /(?s)<!-- tested by src\/it\/projects\/ci-names -->\s*```xml\n(.*?)```/).collect { it[1] }
    assert blocks.size() >= 2 : 'docs/junit.md has no tested setup snippets'
    for (b in blocks) {
        assert norm(pom).contains(norm(b)) : "docs/junit.md's snippet is not in ci-names/pom.xml as written:\n$b"
    }
}
return true
