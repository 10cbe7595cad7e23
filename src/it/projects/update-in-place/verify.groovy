// The update-in-place network: the build passed, the @GradCheck nodes for both phases are GOOD, the seeded bug and
// the unreset momentum were caught by their own tests, and EJML (optional) was not needed on the class path.
def text = { String path -> new File(basedir, path).getText('UTF-8') }
def log = text('build.log')
assert log.contains('BUILD SUCCESS')
assert log.contains('checked in place: GOOD')

def reports = new File(basedir, 'target/surefire-reports')
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
        .collect { it.getText('UTF-8') }.join('\n')
// Node names are stable (model, phase, component and shape, no number from the check); none may fail (below).
for (phase in ['init', 'after 100 steps']) {
    for (c in ['dW1', 'db1', 'dW2', 'db2']) {
        def name = /testcase name="inPlaceNet\(UpdateOnly, GradCheckReport\)\[${java.util.regex.Pattern.quote(phase)}\] $c \(\d+\u00d7\d+\)"/
        assert xml =~ name : "no Surefire test case for [$phase] $c"
    }
}
assert xml.contains('theForgottenTanhDerivativeIsCaughtInLayerOne')
assert xml.contains('momentumNotResetIsRefusedAndTheWeightsAreLeftAsTheyWere')
assert xml.contains('ejmlIsNotNeeded')
assert !xml.contains('<failure')
assert !xml.contains('<error')
return true
