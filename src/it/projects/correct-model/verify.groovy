// The correct model: the build passed, every node is named in Surefire's XML, and the reports were written.
def text = { String path -> new File(basedir, path).getText('UTF-8') }
def log = text('build.log')
assert log.contains('BUILD SUCCESS')
// A passing check prints one line, not the report.
assert log =~ /gradcheck: net 3-4-1 \(TwoLayerNetTest\.twoLayerNet\) GOOD, ratio \S+, 2 phases, 21 parameters/
assert !log.contains('gradient check GOOD')

def reports = new File(basedir, 'target/surefire-reports')
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
        .collect { it.getText('UTF-8') }.join('\n')
// junit-platform.properties sets gradcheck.trainingSteps = 50 for the whole build. Names carry no ratio.
for (phase in ['init', 'after 50 steps']) {
    for (c in ['dW1 (4×3)', 'db1 (4×1)', 'dW2 (1×4)', 'db2 (1×1)']) {
        assert xml.contains("testcase name=\"twoLayerNet(TwoLayerNet, GradCheckReport)[$phase] $c\"") : "no Surefire test case for [$phase] $c"
    }
}
assert xml.contains('testcase name="twoLayerNet(TwoLayerNet, GradCheckReport)[report]"')
assert !xml.contains('<failure')

def dir = new File(basedir, 'target/gradcheck')
assert new File(dir, 'com.example.TwoLayerNetTest/twoLayerNet.json').getText('UTF-8').contains('"verdict" : "GOOD"')
assert new File(dir, 'com.example.TwoLayerNetTest/twoLayerNet.html').getText('UTF-8').contains('<svg')
assert new File(dir, 'index.html').getText('UTF-8').contains('com.example.TwoLayerNetTest/twoLayerNet.html')
// The AssertJ assertion writes its report files too, named after the test method and the model.
assert new File(dir, 'com.example.AssertionsTest/passesWithAssertJ.net_2-3-1.json').getText('UTF-8').contains('"verdict" : "GOOD"')
return true
