// The seeded bug: the build failed, and both the log and Surefire's XML name the wrong component, dW2.
def text = { String path -> new File(basedir, path).getText('UTF-8') }
def log = text('build.log')
assert log.contains('BUILD FAILURE')
assert log.contains('There are test failures')
assert log.contains('gradient check BUG')
// Surefire's console summary lists the failed nodes by index ("twoLayerNet(...)[3]"; it has no phrased names for
// test-template invocations), followed by the failure message, which starts with the model, the phase and dW2.
def summary = /TwoLayerNetTest\.twoLayerNet\(TwoLayerNet, GradCheckReport\)\[\d+\] net 3-4-1 \[(init|after 100 steps)\] dW2 \(1.{1,3}4\) BUG: ratio 3\.33e-01/
assert (log =~ summary).count >= 2 : 'the failed-test summary names model, phase and dW2 for both phases'
assert log.contains('gradient check of net 3-4-1 at initialization: BUG')
assert log.contains('gradient check of net 3-4-1 after 100 training steps: BUG')
assert log.contains('hint: dW2 = 2.00')

def reports = new File(basedir, 'target/surefire-reports')
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
        .collect { it.getText('UTF-8') }.join('\n')
// One chunk per test case: its name attribute, and whether it has a <failure>.
def cases = xml.split('<testcase ').drop(1).collectEntries { chunk ->
    def name = (chunk =~ /^name="([^"]*)"/)[0][1]
    def body = chunk.contains('</testcase>') ? chunk.substring(0, chunk.indexOf('</testcase>')) : ''
    [(name): body.contains('<failure')]
}
def method = 'twoLayerNet(TwoLayerNet, GradCheckReport)'
assert cases["$method[init] dW2 (1×4)"] == true : "no failing test case [init] dW2 in ${cases.keySet()}"
assert cases["$method[after 100 steps] dW2 (1×4)"] == true
assert xml =~ /<failure message="net 3-4-1 \[init\] dW2 \(1/ : 'the failure message is dW2\'s report'
for (c in ['dW1 (4×3)', 'db1 (4×1)', 'db2 (1×1)']) {
    assert cases["$method[init] $c"] == false : "[init] $c should be a passing test case"
}
assert cases.values().count { it } == 2 : 'exactly the two dW2 nodes fail'

def json = new File(basedir, 'target/gradcheck/com.example.TwoLayerNetTest/twoLayerNet.json').getText('UTF-8')
assert json.contains('"verdict" : "BUG"')
return true
