import { DangerDetector } from '../../src/safety/DangerDetector.js';

describe('DangerDetector (content/safety/danger-phrases.json)', () => {
  const detector = DangerDetector.load();

  it.each([
    // Being beaten now, in Vietnamese with and without diacritics.
    ['Nó đang đánh tôi', 'violence'],
    ['no dang danh toi', 'violence'],
    ['CỨU TÔI!!!', 'violence'],
    ['cuu voi', 'violence'],
    ['chồng em đang đánh em, em sợ lắm', 'violence'],
    ['anh ta bóp cổ tôi', 'violence'],
    ['nó bảo sắp giết cả nhà', 'violence'],
    ['ong ay doa giet toi', 'violence'],
    // Weapons.
    ['chồng cầm dao đuổi theo', 'weapon'],
    ['cam dao doa chem', 'weapon'],
    ['he has a knife', 'weapon'],
    // Locked in.
    ['tôi bị nhốt trong phòng', 'lockedIn'],
    ['he locked me in the bathroom', 'lockedIn'],
    // A child hurt.
    ['bố đang đánh con tôi', 'child'],
    ['con toi bi danh chay mau', 'child'],
    ['he is hurting my child', 'child'],
    // Suicide and self-harm.
    ['tôi muốn chết', 'selfHarm'],
    ['khong muon song nua', 'selfHarm'],
    ['I want to kill myself', 'selfHarm'],
    // English, being beaten now.
    ['he is beating me right now', 'violence'],
    ['Save me please', 'violence'],
    // Texting shorthand: ck = chồng, e = em, t = tôi, k/ko = không.
    ['cuu e voi', 'violence'],
    ['ck dang danh e', 'violence'],
    ['ko muon song nua', 'selfHarm'],
    ['k cho t ra ngoai', 'lockedIn'],
    // Shorthand is matched as written too: "t" of "don't" is not "tôi" there.
    ["I don't want to live anymore", 'selfHarm'],
    // A child calling for help, things being smashed right now, other weapons.
    ['mẹ ơi cứu con', 'violence'],
    ['chồng đang đập phá đồ đạc', 'violence'],
    ['no dang dap cua phong', 'violence'],
    ['nó cầm rìu', 'weapon'],
    // Sexual violence, against a child or an adult.
    ['con tôi bị xâm hại', 'child'],
    ['cha dượng sờ soạng con gái tôi', 'child'],
    ['tôi bị cưỡng hiếp', 'violence'],
    ['he raped me', 'violence'],
    // A child beaten by a parent, told by the child; a knife to the throat; locked in by a husband; chased.
    ['con bị bố đánh', 'child'],
    ['nó dí dao vào cổ tôi', 'weapon'],
    ['e bi ck nhot', 'lockedIn'],
    ['no dang duoi theo toi', 'violence'],
    // Southern "tui", "mk" for mình; being beaten told in the passive; smashing; a drawn knife.
    ['ổng đang đánh tui', 'violence'],
    ['ck dang danh mk', 'violence'],
    ['em đang bị chồng đánh', 'violence'],
    ['chồng say rượu đang đập đồ', 'violence'],
    ['nó rút dao ra', 'weapon'],
    ['tôi sắp bị giết', 'violence'],
  ])('"%s" → %s', (text, category) => {
    expect(detector.detect(text)).toBe(category);
  });

  it.each([
    'con dao nay sac qua',
    'Con dao này sắc quá',
    'danh gia dich vu',
    'Tôi muốn đánh giá dịch vụ',
    'tôi đang đánh máy chậm',
    'cô dạo này khỏe không',
    'tối nay đi dạo không',
    'mệt muốn chết',
    // "tư vấn" (counselling) and "tự vẫn" (suicide) are the same letters without diacritics.
    'tôi muốn được tư vấn',
    'Gặp tư vấn viên',
    'nhà tôi treo cờ ngày lễ',
    'cái đầm tôi mới mua',
    'từ từ để tôi nghĩ',
    'chồng tôi đánh tôi hôm qua',
    'tôi muốn báo tin bạo lực',
    'bạo lực gia đình là gì',
    'xin chào',
    'Can you help me understand the law?',
    'the knife is sharp',
    'report.who.child',
    // Shorthand written out stays harmless: "e" of "e-mail" is not "em", "k" is only "không".
    'tôi đang đánh e-mail cho cô giáo',
    'e muon hoi ve ly hon',
    'k biết thủ tục ly hôn thế nào',
    // Everyday and legal wording that shares words with danger phrases.
    'chồng tôi đi đổ xăng rồi',
    'quyền lợi của tôi bị xâm hại',
    'tội hiếp dâm bị phạt bao nhiêu năm',
    'hiếp dâm trong hôn nhân có bị xử lý không',
    'bị cưỡng bức lao động',
    'làm sao tự cứu mình khỏi cuộc hôn nhân này',
    'lấy dao gọt hoa quả',
    // Control or the past, which the report flow takes.
    'chồng em không cho em ra ngoài làm việc',
    'hồi nhỏ tôi hay bị bố đánh',
    'I was sexually assaulted years ago',
  ])('leaves "%s" alone', (text) => {
    expect(detector.detect(text)).toBeUndefined();
  });
});
