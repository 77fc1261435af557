import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'tls-minimum-version';
const listener = (extra: string, protocol = 'HTTPS') => `resource "aws_lb_listener" "partner" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/partner/1"
  port              = 443
  protocol          = "${protocol}"
  certificate_arn   = "arn:aws:acm:ap-northeast-1:111122223333:certificate/x"
${extra}  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
`;

describe(ID, () => {
  describe('valid', () => {
    it.each(['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09'])('%s', (p) => {
      expect(runRule(ID, { 'main.tf': listener(`  ssl_policy        = "${p}"\n`) })).toEqual([]);
    });
    it('a plain HTTP listener is not a TLS endpoint', () => {
      expect(runRule(ID, { 'main.tf': listener('', 'HTTP') })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('no ssl_policy: AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0), reported at protocol', () => {
      const main = listener('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({
          messageId: 'defaultPolicy',
          data: { resource: 'aws_lb_listener.partner', protocol: 'HTTPS', policy: 'ELBSecurityPolicy-2016-08', minimum: '1.0' },
          ...rangeOf(main, 'protocol          = "HTTPS"'),
        }),
      ]);
    });
    it.each([
      ['ELBSecurityPolicy-TLS-1-1-2017-01', '1.1'],
      ['ELBSecurityPolicy-TLS13-1-0-2021-06', '1.0'],
      ['ELBSecurityPolicy-FS-2018-06', '1.0'],
    ])('%s accepts TLS %s', (p, min) => {
      const main = listener(`  ssl_policy        = "${p}"\n`, 'TLS');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakPolicy', data: expect.objectContaining({ minimum: min }), ...rangeOf(main, `ssl_policy        = "${p}"`) })]);
    });
    it('an unrecognised policy name is possible, not assumed safe', () => {
      const main = listener('  ssl_policy        = "ELBSecurityPolicy-Made-Up"\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', certainty: 'possible' })]);
    });
    it('CloudFront with the default certificate allows TLSv1', () => {
      const main = 'resource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakPolicy', data: expect.objectContaining({ policy: 'TLSv1' }) })]);
    });
  });
});
