/**
 * What the bot says, word for word, in each language: the dialog tables compare replies with
 * these, so a changed sentence is a visible change to review.
 */
const vi = {
  says: { menu: 'báo tin', counselor: 'Gặp tư vấn viên', continue: 'Tiếp tục', danger: 'nó đang đánh tôi', exit: 'thoát', delete: 'xóa dữ liệu', lookup: 'tra cứu' },
  greeting: [
    'Xin chào! Mình là trợ lý tự động (không phải người thật) của mạng lưới phòng, chống bạo lực gia đình. Bạn không cần cho biết tên hay số điện thoại.',
    'Đây không phải dịch vụ cấp cứu. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu).',
    'Bạn cần gì? Hãy chọn một mục bên dưới.',
  ],
  menuAgain: 'Bạn muốn làm gì tiếp theo?',
  pickRetry: 'Mình chưa hiểu ý bạn. Bạn bấm một nút bên dưới, hoặc gõ số thứ tự nhé.',
  emergency: 'Nếu bạn hoặc ai đó đang gặp nguy hiểm, hãy gọi ngay:\n• 113: Công an\n• 115: Cấp cứu\n• 111: Bảo vệ trẻ em (miễn phí, cả ngày đêm)',
  localHaNoi: '\n• 024 0000 0100: Nhóm phòng, chống bạo lực gia đình Hà Nội (gần bạn)',
  localSocSon: '\n• 024 0000 0102: Tổ phòng, chống bạo lực gia đình khu vực Sóc Sơn (gần bạn)',
  offer: 'Mình là trợ lý tự động. Bạn có muốn mình gửi yêu cầu khẩn để tư vấn viên nhắn cho bạn ngay tại đây không?',
  offerSelfHarm: 'Bạn không phải một mình. Mình là trợ lý tự động. Bạn có muốn mình gửi yêu cầu khẩn để tư vấn viên nhắn cho bạn ngay tại đây không?',
  offerButtons: ['Gặp tư vấn viên', 'Tiếp tục'],
  alertButtons: ['Gặp tư vấn viên', 'Tiếp tục', 'Tìm nơi giúp đỡ'],
  afterReport: 'Nếu cần giúp ngay, đây là những nơi gần bạn:',
  counselorRequested: 'Mình đã gửi yêu cầu khẩn của bạn đến tư vấn viên. Khi có tư vấn viên trực, họ sẽ nhắn cho bạn ngay tại đây. Nếu bạn đang gặp nguy hiểm, đừng chờ: hãy gọi 113.',
  report: {
    intro: 'Mình sẽ hỏi vài câu ngắn. Câu nào không muốn trả lời, bạn cứ bấm “Bỏ qua”. Bạn không cần cho biết tên. Gõ “thoát” bất cứ lúc nào để dừng ngay.\nĐây không phải dịch vụ cấp cứu: nếu có nguy hiểm, hãy gọi 113.',
    danger: 'Lúc này có ai đang gặp nguy hiểm không?',
    dangerButtons: ['Có, đang nguy hiểm', 'Không', 'Bỏ qua'],
    who: 'Ai là người bị bạo lực?',
    whoButtons: ['Tôi', 'Một trẻ em', 'Người cao tuổi', 'Người lớn tôi quen', 'Người khác', 'Bỏ qua'],
    kinds: 'Chuyện gì đã xảy ra? Bạn chọn được nhiều mục; chọn xong thì bấm “Xong”.',
    kindsButtons: ['Đánh đập, hành hạ', 'Chửi mắng, đe dọa', 'Ép quan hệ tình dục', 'Kiểm soát tiền bạc', 'Cô lập, cấm đi lại', 'Ép cưới, ép ly hôn', 'Chuyện khác', 'Bỏ qua'],
    kindPhysical: 'Mình đã ghi: đánh đập, hành hạ, gây thương tích. Bạn chọn thêm, hoặc bấm “Xong”.',
    kindMental: 'Mình đã ghi: chửi mắng, lăng mạ, đe dọa, làm nhục. Bạn chọn thêm, hoặc bấm “Xong”.',
    typedMental: 'chui mang, de doa',
    province: 'Chuyện xảy ra ở tỉnh, thành phố nào? Bấm chọn, hoặc gõ tên tỉnh, phường hay xã (có dấu hay không dấu đều được).',
    provinceButtons: ['Hà Nội', 'Huế', 'Điện Biên', 'Không muốn nói'],
    district: 'Nơi đó trước đây thuộc quận, huyện nào?',
    districtButtons: ['Hoàn Kiếm (cũ)', 'Ba Đình (cũ)', 'Cầu Giấy (cũ)', 'Sóc Sơn (cũ)', 'Không muốn nói'],
    commune: 'Ở phường, xã nào?',
    communeButtons: ['Sóc Sơn', 'Đa Phúc', 'Kim Anh', 'Trung Giã', 'Nội Bài', 'Không muốn nói'],
    when: 'Chuyện xảy ra khi nào?',
    whenButtons: ['Đang xảy ra', 'Hôm nay', 'Trong tuần này', 'Trước đó nữa', 'Bỏ qua'],
    ongoing: 'Chuyện này còn đang tiếp diễn không?',
    description: 'Bạn kể lại chuyện đã xảy ra, bằng lời của bạn nhé. Gửi bao nhiêu tin nhắn cũng được; xong thì bấm “Xong”.',
    descriptionNext: 'Mình đã ghi lại. Bạn viết tiếp, hoặc bấm “Xong”.',
    story: ['Tối qua bố cháu đánh cháu bằng roi', 'Sáng nay cháu không dám đi học'],
    contact: 'Bạn có muốn tư vấn viên liên lạc lại không?\nBáo tin chỉ được gửi đến tư vấn viên của địa chỉ tin cậy hoặc tổ phòng, chống bạo lực gia đình nơi bạn chọn (nơi chưa có thì đến nhóm tư vấn chung). Nội dung được mã hóa khi lưu. Nếu có người đang gặp nguy hiểm, tư vấn viên có thể báo công an để bảo vệ người đó.',
    contactButtons: ['Không cần liên lạc', 'Gọi điện cho tôi', 'Chỉ nhắn ở đây', 'Bỏ qua'],
    phone: 'Số điện thoại nào an toàn để gọi cho bạn? Chỉ tư vấn viên thấy số này.',
    phoneInvalid: 'Số này có vẻ chưa đúng. Bạn gõ lại số điện thoại (10 hoặc 11 chữ số, bắt đầu bằng 0), hoặc bấm “Bỏ qua”.',
    phoneSkipped: 'Vậy mình sẽ không gọi điện. Bạn vẫn theo dõi được báo tin bằng mã tra cứu.',
    hours: 'Tư vấn viên nên gọi lúc nào thì an toàn cho bạn? Bấm chọn, hoặc gõ giờ.',
    typedHours: 'sau 9 giờ tối',
    confirmFull:
      'Bạn xem lại nhé:\n• Nguy hiểm lúc này: Không\n• Người bị bạo lực: Một trẻ em\n• Chuyện đã xảy ra: đánh đập, hành hạ, gây thương tích; chửi mắng, lăng mạ, đe dọa, làm nhục\n• Nơi xảy ra: Xã Kim Anh, Huyện Sóc Sơn (cũ), Thành phố Hà Nội\n• Thời gian: Hôm nay, vẫn còn tiếp diễn\n• Lời kể: 2 tin nhắn\n• Liên lạc: gọi điện cho bạn\nGửi báo tin này?',
    confirmSkipped:
      'Bạn xem lại nhé:\n• Nguy hiểm lúc này: không nói\n• Người bị bạo lực: không nói\n• Chuyện đã xảy ra: không nói\n• Nơi xảy ra: không nói\n• Thời gian: không nói\n• Lời kể: 0 tin nhắn\n• Liên lạc: không liên lạc\nGửi báo tin này?',
    confirmButtons: ['Gửi báo tin', 'Hủy, không gửi'],
    sent: 'Mình đã gửi báo tin. Cảm ơn bạn đã lên tiếng. Đây là mã tra cứu của bạn, hãy ghi lại ở nơi an toàn:',
    nextPhone: (code: string) => `Tư vấn viên sẽ xem báo tin và gọi cho bạn trong khung giờ bạn chọn khi có thể. Gõ “tra cứu ${code}” để xem tình trạng hoặc bổ sung thông tin.`,
    nextNone: (code: string) => `Tư vấn viên sẽ xem báo tin. Vì bạn không để lại cách liên lạc, mình sẽ không nhắn hay gọi cho bạn. Gõ “tra cứu ${code}” để xem tình trạng hoặc bổ sung thông tin.`,
    nextChat: (code: string) => `Tư vấn viên sẽ xem báo tin và có thể nhắn cho bạn tại đây. Gõ “tra cứu ${code}” để xem tình trạng hoặc bổ sung thông tin.`,
    cancelled: 'Mình đã hủy. Báo tin chưa được gửi, và những gì bạn vừa nhập đã được xóa.',
  },
  lookup: {
    ask: 'Bạn gõ mã tra cứu (8 ký tự) nhé.',
    invalid: 'Mã tra cứu gồm 8 chữ cái và chữ số, không có chữ O, I, L hay số 0, 1. Bạn gõ lại nhé.',
    notFound: (code: string) => `Mình không tìm thấy báo tin nào có mã ${code}. Bạn kiểm tra lại rồi gõ lại mã nhé.`,
    giveUp: 'Mình vẫn chưa tìm thấy. Bạn thử lại sau, hoặc gửi một báo tin mới nếu cần.',
    received: (code: string) => `Báo tin ${code}: đã nhận, đang chờ tư vấn viên xem.`,
    referredHealth: (code: string) => `Báo tin ${code}: đã được chuyển đến cơ sở y tế.`,
    more: 'Bạn có muốn bổ sung thông tin cho báo tin này không?',
    moreButtons: ['Bổ sung thông tin', 'Không, cảm ơn'],
    addAsk: 'Bạn viết thông tin muốn bổ sung nhé. Gửi bao nhiêu tin nhắn cũng được; xong thì bấm “Xong”.',
    addNext: 'Mình đã thêm vào báo tin. Bạn viết tiếp, hoặc bấm “Xong”.',
    added: 'Cảm ơn bạn. Tư vấn viên sẽ thấy thông tin mới khi xem báo tin.',
  },
  privacy: {
    exit: 'Được rồi. Hẹn gặp lại bạn!',
    confirm:
      'Bạn muốn xóa dữ liệu của mình?\nMình sẽ xóa: những gì mình đang ghi nhớ về cuộc trò chuyện này, ngôn ngữ bạn chọn, báo tin đang viết dở, và yêu cầu gặp tư vấn viên chưa được trả lời.\nMình giữ lại: báo tin bạn đã gửi, để việc hỗ trợ được tiếp tục. Báo tin đó sẽ không còn gắn với tài khoản của bạn, và số điện thoại liên lạc (nếu có) bị xóa, nên tư vấn viên sẽ không liên lạc lại được. Bạn vẫn tra cứu được bằng mã.',
    confirmButtons: ['Xóa dữ liệu', 'Không xóa'],
    done: 'Mình đã xóa dữ liệu của bạn. Tin nhắn vẫn còn trong ứng dụng trên điện thoại: nếu cần, bạn hãy tự xóa cuộc trò chuyện này trong ứng dụng.',
    kept: 'Được, mình không xóa gì.',
  },
};

/** The shape every language's phrases share. */
export type Phrases = typeof vi;

const en: Phrases = {
  says: { menu: 'report violence', counselor: 'Talk to a counselor', continue: 'Continue', danger: 'he is beating me right now', exit: 'exit', delete: 'delete my data', lookup: 'lookup' },
  greeting: [
    'Hello! I am an automated assistant (not a person) of the domestic violence prevention network. You do not need to give your name or phone number.',
    'This is not an emergency service. If you are in danger, call 113 (police) or 115 (ambulance) now.',
    'What do you need? Please choose an option below.',
  ],
  menuAgain: 'What would you like to do next?',
  pickRetry: 'Sorry, I did not understand. Please tap a button below, or type its number.',
  emergency: 'If you or someone else is in danger, call now:\n• 113: Police\n• 115: Ambulance\n• 111: Child protection (free, day and night)',
  localHaNoi: '\n• 024 0000 0100: Hà Nội domestic violence prevention group (near you)',
  localSocSon: '\n• 024 0000 0102: Sóc Sơn area domestic violence prevention group (near you)',
  offer: 'I am an automated assistant. Shall I send an urgent request so that a counselor writes to you here?',
  offerSelfHarm: 'You are not alone. I am an automated assistant. Shall I send an urgent request so that a counselor writes to you here?',
  offerButtons: ['Talk to a counselor', 'Continue'],
  alertButtons: ['Talk to a counselor', 'Continue', 'Find help near me'],
  afterReport: 'If you need help now, these places are near you:',
  counselorRequested: 'I have sent your urgent request to the counselors. When a counselor is on duty, they will write to you here. If you are in danger, do not wait: call 113.',
  report: {
    intro: 'I will ask a few short questions. If you do not want to answer one, just tap “Skip”. You do not need to give your name. Type “exit” at any time to stop at once.\nThis is not an emergency service: if someone is in danger, call 113.',
    danger: 'Is anyone in danger right now?',
    dangerButtons: ['Yes, in danger now', 'No', 'Skip'],
    who: 'Who is facing the violence?',
    whoButtons: ['Me', 'A child', 'An older person', 'An adult I know', 'Someone else', 'Skip'],
    kinds: 'What happened? You can choose several; tap “Done” when you have finished.',
    kindsButtons: ['Hitting, hurting', 'Insults, threats', 'Forced sex', 'Control of money', 'Isolation', 'Forced marriage', 'Something else', 'Skip'],
    kindPhysical: 'I have noted: hitting, beating or injuring. Choose more, or tap “Done”.',
    kindMental: 'I have noted: insults, threats or humiliation. Choose more, or tap “Done”.',
    typedMental: 'insults, threats',
    province: 'In which province or city did it happen? Tap one, or type the name of the province, ward or commune.',
    provinceButtons: ['Hà Nội', 'Huế', 'Điện Biên', 'Prefer not to say'],
    district: 'Which former district was it in?',
    districtButtons: ['Hoàn Kiếm (former)', 'Ba Đình (former)', 'Cầu Giấy (former)', 'Sóc Sơn (former)', 'Prefer not to say'],
    commune: 'Which ward or commune?',
    communeButtons: ['Sóc Sơn', 'Đa Phúc', 'Kim Anh', 'Trung Giã', 'Nội Bài', 'Prefer not to say'],
    when: 'When did it happen?',
    whenButtons: ['Right now', 'Today', 'This week', 'Before that', 'Skip'],
    ongoing: 'Is it still going on?',
    description: 'Please tell what happened, in your own words. Send as many messages as you like; tap “Done” when you have finished.',
    descriptionNext: 'I have noted that. Write more, or tap “Done”.',
    story: ['Last night her father hit her with a stick', 'This morning she did not dare go to school'],
    contact: 'Would you like a counselor to contact you?\nThe report only goes to the counselors of the trusted address or domestic violence prevention group where you chose (or to the general counselor team where there is none). It is stored encrypted. If someone is in danger, a counselor may tell the police so that they can protect that person.',
    contactButtons: ['No contact', 'Call me back', 'Only in this chat', 'Skip'],
    phone: 'Which phone number is safe to call you on? Only counselors see it.',
    phoneInvalid: 'That number does not look right. Please type the phone number again (10 or 11 digits, starting with 0), or tap “Skip”.',
    phoneSkipped: 'Then nobody will call you. You can still follow the report with its code.',
    hours: 'When is it safe for a counselor to call you? Tap one, or type the times.',
    typedHours: 'after 9 pm',
    confirmFull:
      'Please check:\n• Danger right now: No\n• Who: A child\n• What happened: hitting, beating or injuring; insults, threats or humiliation\n• Where: Kim Anh Commune, former Sóc Sơn District, Hà Nội City\n• When: Today, still going on\n• Your account: 2 messages\n• Contact: call you back\nSend this report?',
    confirmSkipped:
      'Please check:\n• Danger right now: not said\n• Who: not said\n• What happened: not said\n• Where: not said\n• When: not said\n• Your account: 0 messages\n• Contact: no contact\nSend this report?',
    confirmButtons: ['Send the report', 'Cancel, do not send'],
    sent: 'Your report has been sent. Thank you for speaking up. This is your reference code; keep it somewhere safe:',
    nextPhone: (code: string) => `A counselor will read the report and call you at the times you chose, when they can. Type “lookup ${code}” to see its status or add information.`,
    nextNone: (code: string) => `A counselor will read the report. As you left no way to reach you, I will not write to you or call you. Type “lookup ${code}” to see its status or add information.`,
    nextChat: (code: string) => `A counselor will read the report and may write to you here. Type “lookup ${code}” to see its status or add information.`,
    cancelled: 'I have cancelled it. The report was not sent, and what you entered has been deleted.',
  },
  lookup: {
    ask: 'Please type the reference code (8 characters).',
    invalid: 'A reference code has 8 letters and digits, without the letters O, I, L or the digits 0, 1. Please type it again.',
    notFound: (code: string) => `I could not find a report with the code ${code}. Please check it and type it again.`,
    giveUp: 'I still cannot find it. Please try again later, or send a new report if you need to.',
    received: (code: string) => `Report ${code}: received, waiting for a counselor to read it.`,
    referredHealth: (code: string) => `Report ${code}: passed on to a health station.`,
    more: 'Would you like to add information to this report?',
    moreButtons: ['Add information', 'No, thank you'],
    addAsk: 'Please write what you would like to add. Send as many messages as you like; tap “Done” when you have finished.',
    addNext: 'I have added it to the report. Write more, or tap “Done”.',
    added: 'Thank you. The counselor will see the new information when they read the report.',
  },
  privacy: {
    exit: 'All right. See you next time!',
    confirm:
      'Do you want to delete your data?\nI will delete: what I remember about this conversation, the language you chose, a report you have not sent yet, and any request for a counselor that has not been answered.\nI will keep: reports you have sent, so that help can continue. They will no longer be linked to your account, and any phone number you gave will be deleted, so a counselor will not be able to contact you. You can still look them up with their code.',
    confirmButtons: ['Delete my data', 'Do not delete'],
    done: 'I have deleted your data. The messages are still in the app on your phone: if you need to, delete this conversation in the app yourself.',
    kept: 'All right, I have not deleted anything.',
  },
};

/** The first turn of a conversation in each language: "hi" in Vietnamese, "English" switches. */
export const OPENING = {
  vi: { says: 'hi', replies: vi.greeting },
  en: { says: 'English', replies: ['I will speak English with you.', ...en.greeting] },
} as const;

/** Every language's phrases. */
export const PHRASES = { vi, en } as const;

/** Both languages, for `describe.each`. */
export const LANGUAGES: readonly (readonly ['vi' | 'en', Phrases])[] = [
  ['vi', vi],
  ['en', en],
];

/** A reference code as the bot shows it. */
export const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
