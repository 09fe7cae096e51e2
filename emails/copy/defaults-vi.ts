/** Vietnamese default copy for every template: the same placeholders as the English, written the way a Vietnamese B2B marketer writes. */
import type { ActionBlock, EmailCopy, TemplateKey } from './defaults';

/** The last-action blocks in Vietnamese; keyed like DEFAULT_ACTION_BLOCKS. */
export const DEFAULT_ACTION_BLOCKS_VI: Record<string, ActionBlock> = {
  download_whitepaper: {
    heading: 'Báo cáo ROI dành cho anh/chị',
    paragraphs: [
      'Sau khi đọc sách trắng, nhiều doanh nghiệp muốn biết các con số sẽ ra sao với chính mình. Báo cáo ROI của chúng tôi ước tính tỷ lệ mở, tỷ lệ nhấp và thời gian chuyển giao cho một đội ngũ như {{company}}.',
    ],
    cta: { label: 'Nhận báo cáo ROI', url: '{{site_url}}/roi-report' },
  },
  visit_pricing: {
    heading: 'Anh/chị đang so sánh các gói?',
    paragraphs: [
      'Gói Starter gồm một hành trình và 1.000 khách hàng tiềm năng mỗi tháng. Gói Growth có thêm A/B test, không giới hạn hành trình và chuyển giao sang CRM. Gói Scale bổ sung SSO và một cụm Temporal riêng.',
    ],
    cta: { label: 'So sánh chi tiết các gói', url: '{{site_url}}/pricing#compare' },
  },
};

const marketing = (copy: Omit<EmailCopy, 'blocks'>): EmailCopy => ({ ...copy, blocks: DEFAULT_ACTION_BLOCKS_VI });

// "anh/chị" is how Vietnamese B2B mail addresses a reader of unknown gender; {{first_name}} is the given name (Lan, not Nguyễn).
export const DEFAULT_COPY_VI = {
  'email-a-nurture': marketing({
    subject: 'Anh/chị {{first_name}}, một gợi ý nhỏ để không bỏ lỡ khách hàng tiềm năng',
    preheader: 'Một thay đổi nhỏ giúp khách hàng tiềm năng không bị “nguội”.',
    heading: 'Chào anh/chị {{first_name}},',
    paragraphs: [
      'Nhiều doanh nghiệp để “rơi” khách hàng tiềm năng ngay trong tuần đầu: 60% khách hàng tiềm năng được nhập vào CRM không được chăm sóc trong 7 ngày đầu tiên.',
      '{{product_name}} giữ cho mỗi khách hàng tiềm năng luôn được chăm sóc bằng những email ngắn, đúng nhu cầu, và chuyển những khách hàng đã sẵn sàng cho đội kinh doanh chỉ trong vài phút.',
    ],
    cta: { label: 'Xem cách hoạt động', url: '{{site_url}}/how-it-works' },
  }),
  'email-b-welcome-value': marketing({
    subject: 'Chào mừng anh/chị {{first_name}}: {{product_name}} có thể giúp gì cho anh/chị',
    preheader: 'Ba điều các doanh nghiệp như anh/chị thường thiết lập đầu tiên.',
    heading: 'Chào mừng anh/chị {{first_name}}',
    paragraphs: [
      'Cảm ơn anh/chị đã {{last_action}}. Đây là những giá trị mà hầu hết doanh nghiệp nhận được ngay trong tháng đầu tiên:',
      'Email được cá nhân hóa thay cho một email chung gửi tất cả: tỷ lệ mở tăng từ 12% lên 28%.',
      'Khách hàng tiềm năng “nóng” đến tay đội kinh doanh trong vài phút, không phải vài giờ.',
    ],
    cta: { label: 'Cùng chúng tôi thiết lập hành trình đầu tiên', url: '{{site_url}}/get-started' },
  }),
  'email-c-case-study': marketing({
    subject: 'Cách một doanh nghiệp như {{company}} rút ngắn thời gian chuyển giao từ 95 xuống 12 phút',
    preheader: 'Một case study với số liệu thực tế.',
    heading: 'Anh/chị {{first_name}}, một câu chuyện có thể rất quen thuộc',
    paragraphs: [
      'Một doanh nghiệp B2B từng để mất nhiều khách hàng tiềm năng “nóng” vì liên hệ lại quá chậm. Sau khi tự động hóa việc nuôi dưỡng và chuyển giao bằng {{product_name}}:',
    ],
    cta: { label: 'Đọc toàn bộ case study', url: '{{site_url}}/case-studies/hand-off' },
  }),
  'email-c-demo-invite': marketing({
    subject: 'Anh/chị {{first_name}} có muốn xem demo trên chính dữ liệu của mình?',
    preheader: 'Buổi demo 20 phút, trên dữ liệu của anh/chị.',
    heading: 'Xem {{product_name}} vận hành trên pipeline của anh/chị',
    paragraphs: [
      'Gần đây anh/chị đã {{last_action}}, nên một buổi demo ngắn có thể giúp anh/chị tiết kiệm thời gian.',
      'Trong 20 phút, chúng ta sẽ cùng xây dựng một hành trình và xem cách khách hàng tiềm năng được chuyển giao cho đội kinh doanh.',
    ],
    cta: { label: 'Đặt lịch demo', url: '{{schedule_link}}' },
  }),
  're-engage': marketing({
    subject: 'Anh/chị {{first_name}} còn quan tâm chứ?',
    preheader: 'Một cú nhấp để tiếp tục nhận tin; nếu không, chúng tôi sẽ ngừng gửi.',
    heading: 'Chúng ta có nên tiếp tục giữ liên lạc?',
    paragraphs: [
      'Đã lâu chúng tôi chưa nhận được phản hồi từ anh/chị, và chúng tôi không muốn làm phiền hộp thư của anh/chị.',
      'Nếu {{product_name}} vẫn nằm trong kế hoạch của anh/chị, hãy cho chúng tôi biết: chúng tôi sẽ chỉ gửi những gì thực sự cần thiết.',
    ],
    cta: { label: 'Có, tôi muốn tiếp tục nhận tin', url: '{{site_url}}/stay-subscribed' },
  }),
  'sales-hot-lead': {
    subject: 'Khách hàng nóng: {{lead_name}} ({{score}} điểm), gọi ngay',
    preheader: '{{lead_name}} từ {{company}} đã sẵn sàng cho đội kinh doanh.',
    heading: '@{{owner_name}}, {{lead_name}} đang nóng: gọi ngay',
    paragraphs: ['Lý do: {{reason}}.', 'Hãy xác nhận trong vòng {{sla_minutes}} phút, nếu không hệ thống sẽ gửi nhắc nhở.'],
    cta: { label: 'Xác nhận và mở hồ sơ khách hàng', url: '{{ack_url}}' },
  },
  'sales-sla-reminder': {
    subject: 'Nhắc nhở: {{lead_name}} đã chờ {{minutes_waiting}} phút',
    preheader: 'Đã quá thời hạn SLA chuyển giao.',
    heading: '{{lead_name}} vẫn đang chờ cuộc gọi',
    paragraphs: [
      '@{{owner_name}}, khách hàng nóng này đã được chuyển cho anh/chị {{minutes_waiting}} phút trước nhưng chưa được xác nhận.',
      'Lý do: {{reason}}.',
    ],
    cta: { label: 'Xác nhận ngay', url: '{{ack_url}}' },
  },
  'sales-escalation': {
    subject: 'Cần xử lý: {{lead_name}} chưa được xác nhận sau {{minutes_waiting}} phút',
    preheader: '{{owner_name}} chưa xác nhận một khách hàng nóng.',
    heading: 'Một khách hàng nóng cần người phụ trách',
    paragraphs: [
      '{{lead_name}} ({{company}}, {{score}} điểm) đã được chuyển cho {{owner_name}} {{minutes_waiting}} phút trước nhưng chưa ai xác nhận.',
      'Lý do: {{reason}}.',
    ],
    cta: { label: 'Xác nhận và nhận khách hàng này', url: '{{ack_url}}' },
  },
  'sales-follow-up': {
    subject: 'Đến lúc liên hệ lại với {{lead_name}}',
    preheader: 'Đã đến ngày hẹn liên hệ lại mà anh/chị đặt.',
    heading: '@{{owner_name}}, đến lúc liên hệ lại với {{lead_name}}',
    paragraphs: ['Anh/chị đã đặt ngày này để liên hệ lại với {{lead_name}} ({{company}}, {{score}} điểm).', 'Ghi chú của anh/chị: {{reason}}.'],
    cta: { label: 'Mở hồ sơ khách hàng', url: '{{ack_url}}' },
  },
} satisfies Record<TemplateKey, EmailCopy>;
