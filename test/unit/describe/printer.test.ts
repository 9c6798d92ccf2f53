import * as assert from 'node:assert/strict';
import { alignTabs, DescribeWriter, sanitize } from '../../../src/core/describe/printer';

describe('describe printer: Go tabwriter alignment', () => {
  it('pads each cell to the widest cell of its column block plus two', () => {
    assert.equal(alignTabs('Name:\tfrontend\nNamespace:\tweb\n'), 'Name:       frontend\nNamespace:  web\n');
  });

  it('a line without a tab ends the column block', () => {
    const text = 'Name:\ta\nContainers:\n  app:\n    Image:\tnginx\n    Port:\t80/TCP\n';
    assert.equal(alignTabs(text), 'Name:  a\nContainers:\n  app:\n    Image:  nginx\n    Port:   80/TCP\n');
  });

  it('aligns a later column only across the lines that have it', () => {
    const text =
      'Type\tStatus\tReason\nAvailable \tTrue\tMinimumReplicasAvailable\nOldReplicaSets:\t<none>\n';
    assert.equal(
      alignTabs(text),
      'Type             Status  Reason\n' +
        'Available        True    MinimumReplicasAvailable\n' +
        'OldReplicaSets:  <none>\n',
    );
  });

  it('gives an all-empty column the padding width, and never pads the last cell', () => {
    assert.equal(alignTabs('a\tb\t\tc\nlong\tx\t\ty  \n'), 'a     b    c\nlong  x    y  \n');
  });

  it('measures width in code points', () => {
    assert.equal(alignTabs('é😀:\tx\nab:\ty\n'), 'é😀:  x\nab:  y\n');
  });

  it('DescribeWriter prefixes the write (not each line) and flush isolates blocks', () => {
    const w = new DescribeWriter();
    w.write(0, 'Name:\tx\n');
    w.write(1, 'A:\t1\nB:\t2\n');
    w.flush();
    w.write(0, 'LongerKey:\ty\n');
    assert.equal(w.text(), 'Name:  x\n  A:   1\nB:     2\nLongerKey:  y\n');
  });
});

describe('describe printer: sanitize', () => {
  it('removes ANSI sequences and shows a stray ESC and CR as kubectl does', () => {
    assert.equal(sanitize('\u001b[31mred\u001b[0m'), 'red');
    assert.equal(sanitize('\u001b]8;;http://x\u0007link\u001b]8;;\u0007'), 'link');
    assert.equal(sanitize('a\u001b'), 'a^[');
    assert.equal(sanitize('line\rFAKE'), 'line\\rFAKE');
  });

  it('shows other controls, bidi overrides, zero-width and line separators visibly; keeps \\n and \\t', () => {
    assert.equal(
      sanitize('a\u0000b\u0007c\u0085d\u202ee\u2028f\u200bg'),
      'a\u2400b\u2407c<U+0085>d<U+202E>e<U+2028>f<U+200B>g',
    );
    assert.equal(sanitize('x\ty\nz'), 'x\ty\nz');
    assert.equal(sanitize('\ud800x'), '\ufffdx');
  });

  it('applies to everything written', () => {
    const w = new DescribeWriter();
    w.write(0, 'Message:\t\u001b[2J\u001b[Hcleared\n');
    assert.equal(w.text(), 'Message:  cleared\n');
  });
});
