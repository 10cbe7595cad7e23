// The correct model: the build passed, every node is named in Surefire's XML, and the reports were written.
def text = { String path -> new File(basedir, path).getText('UTF-8') }
def log = text('build.log')
assert log.contains('BUILD SUCCESS')
assert log.contains('gradient check GOOD')
// junit-platform.properties sets gradcheck.trainingSteps = 50 for the whole build.
assert log.contains('[after 50 steps]')

def reports = new File(basedir, 'target/surefire-reports')
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
        .collect { it.getText('UTF-8') }.join('\n')
def dot = '\u00b7'
for (phase in ['init', 'after 50 steps']) {
    for (c in ['dW1', 'db1', 'dW2', 'db2']) {
        def name = /testcase name="twoLayerNet\(TwoLayerNet, GradCheckReport\)\[${java.util.regex.Pattern.quote(phase)}\] $c $dot \d\.\de-\d\d GOOD"/
        assert xml =~ name : "no Surefire test case for [$phase] $c"
    }
}
assert xml =~ /testcase name="twoLayerNet\(TwoLayerNet, GradCheckReport\)\[report\] \d\.\de-\d\d GOOD"/
assert !xml.contains('<failure')

def dir = new File(basedir, 'target/gradcheck')
assert new File(dir, 'com.example.TwoLayerNetTest/twoLayerNet.json').getText('UTF-8').contains('"verdict" : "GOOD"')
assert new File(dir, 'com.example.TwoLayerNetTest/twoLayerNet.html').getText('UTF-8').contains('<svg')
assert new File(dir, 'index.html').getText('UTF-8').contains('com.example.TwoLayerNetTest/twoLayerNet.html')
return true
