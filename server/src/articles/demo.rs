//! Demo articles: (by default) 200 articles spread over every stage, with histories that follow
//! the default workflow, bodies as real blocks (paragraphs, headings, lists, quotes, images) and
//! an editorial discussion.
//!
//! Generated deterministically (seeded RNG) from template pieces, with dates in the six months
//! before "now".

use crate::state::AppState;
use crate::store::{ImportedArticle, NewAudit, NewCommentRecord, NewHistory};
use chrono::{DateTime, Datelike, Duration, Utc};
use portal_contract::blocks::body_chars;
use portal_contract::checklist::{evaluate, ChecklistSettings};
use portal_contract::{
    default_workflow, Article, AuthorShare, Block, Channel, Checklist, CoverImage, Kind, Language,
    Role, Span, Stage, Topic, User,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// How many articles the demo holds unless told otherwise (`--demo-articles`).
pub const DEMO_ARTICLES: usize = 200;

/// Template pieces of one topic. Titles and paragraphs may hold slots: `{dia_ban}`,
/// `{doi_tuong}`, `{quy}`, `{nam}`, `{nam_sau}`, `{thang}`, `{pct}`, `{tang}`, `{so}`, `{so_nam}`.
struct TopicPieces {
    topic: Topic,
    also: &'static [Topic],
    section: &'static str,
    titles: &'static [&'static str],
    leads: &'static [&'static str],
    paragraphs: &'static [&'static str],
}

const TOPICS: &[TopicPieces] = &[
    TopicPieces {
        topic: Topic::Bhxh,
        also: &[],
        section: "Chính sách bảo hiểm xã hội",
        titles: &[
            "Tăng cường phát triển người tham gia BHXH tự nguyện {dia_ban}",
            "BHXH tỉnh đối thoại chính sách BHXH với {doi_tuong}",
            "Những điểm mới của Luật BHXH năm 2024 người lao động cần biết",
            "Hướng dẫn hưởng BHXH một lần theo quy định mới",
            "Chi trả lương hưu, trợ cấp BHXH tháng {thang}/{nam} qua tài khoản cá nhân",
            "Đôn đốc thu nợ BHXH, BHYT, BHTN {dia_ban}",
            "Chế độ thai sản cho lao động nữ: điều kiện và mức hưởng",
            "Tuyên truyền chính sách BHXH tự nguyện cho {doi_tuong}",
            "Kết quả thu BHXH, BHYT, BHTN {quy} năm {nam}",
            "Chế độ ốm đau: thủ tục và mức hưởng năm {nam}",
            "Nhà nước hỗ trợ tiền đóng BHXH tự nguyện cho {doi_tuong}",
        ],
        leads: &[
            "Thời gian qua, BHXH tỉnh đã triển khai nhiều giải pháp đồng bộ nhằm mở rộng diện bao phủ BHXH, bảo đảm quyền lợi cho người tham gia.",
            "Chính sách bảo hiểm xã hội (BHXH) là trụ cột của hệ thống an sinh xã hội; nắm rõ quyền lợi giúp người lao động yên tâm khi ốm đau, thai sản hay về già.",
            "Nhằm giúp người dân hiểu đúng, đủ về chính sách, BHXH tỉnh tổng hợp những nội dung cần lưu ý dưới đây.",
        ],
        paragraphs: &[
            "Theo số liệu của BHXH tỉnh, đến hết {quy} năm {nam}, toàn tỉnh có trên 148.000 người tham gia BHXH bắt buộc và hơn 21.000 người tham gia BHXH tự nguyện, tăng {tang}% so với cùng kỳ năm trước.",
            "Người tham gia BHXH tự nguyện được Nhà nước hỗ trợ một phần tiền đóng theo tỷ lệ phần trăm trên mức đóng hằng tháng tính theo chuẩn hộ nghèo của khu vực nông thôn: 30% đối với người thuộc hộ nghèo, 25% đối với người thuộc hộ cận nghèo và 10% đối với các đối tượng khác.",
            "Luật BHXH năm 2024 có hiệu lực từ ngày 01/7/2025 giảm số năm đóng tối thiểu để hưởng lương hưu từ 20 năm xuống 15 năm, tạo điều kiện cho nhiều người lao động lớn tuổi được hưởng lương hưu hằng tháng.",
            "Cán bộ BHXH đã trực tiếp đến từng thôn, tổ dân phố, phối hợp với chính quyền địa phương tổ chức các buổi tuyên truyền, giải đáp thắc mắc cho {doi_tuong} về quyền lợi khi tham gia BHXH.",
            "Người lao động cần cân nhắc kỹ trước khi nhận BHXH một lần, bởi khi đó toàn bộ thời gian đóng trước đó không còn được tính để hưởng lương hưu và thẻ BHYT do quỹ BHXH chi trả.",
            "Để bảo đảm quyền lợi, người sử dụng lao động có trách nhiệm đóng đủ, đúng hạn BHXH cho người lao động; việc chậm đóng, trốn đóng sẽ bị xử lý theo quy định của pháp luật.",
        ],
    },
    TopicPieces {
        topic: Topic::Bhyt,
        also: &[],
        section: "Chính sách bảo hiểm y tế",
        titles: &[
            "Gia hạn thẻ BHYT hộ gia đình trên ứng dụng VssID",
            "Tỷ lệ bao phủ BHYT {dia_ban} đạt trên {pct}%",
            "BHYT học sinh, sinh viên năm học {nam}–{nam_sau}: mức đóng và quyền lợi",
            "Khám chữa bệnh BHYT bằng căn cước công dân gắn chip",
            "Quyền lợi khi khám chữa bệnh BHYT không đúng tuyến",
            "Kiểm soát chi phí khám chữa bệnh BHYT {quy} năm {nam}",
            "Người từ đủ 75 tuổi hưởng lương hưu được cấp thẻ BHYT miễn phí",
            "BHYT đồng hành cùng bệnh nhân chạy thận nhân tạo {dia_ban}",
            "Vận động {doi_tuong} tham gia BHYT hộ gia đình",
            "Thông tuyến khám chữa bệnh BHYT: những điều người bệnh cần biết",
        ],
        leads: &[
            "Thẻ bảo hiểm y tế (BHYT) là \"tấm lá chắn\" giúp người dân giảm gánh nặng chi phí khi ốm đau; tham gia liên tục còn được hưởng thêm quyền lợi.",
            "BHXH tỉnh khuyến nghị người dân chủ động gia hạn thẻ BHYT trước khi hết hạn để không bị gián đoạn quyền lợi khám chữa bệnh.",
            "Chính sách BHYT ngày càng được hoàn thiện theo hướng mở rộng quyền lợi, đơn giản hóa thủ tục cho người tham gia.",
        ],
        paragraphs: &[
            "Đến nay, tỷ lệ bao phủ BHYT toàn tỉnh đạt {pct}% dân số, vượt chỉ tiêu Hội đồng nhân dân tỉnh giao; riêng {doi_tuong} đạt tỷ lệ tham gia cao nhất từ trước đến nay.",
            "Người tham gia BHYT có thể dùng căn cước công dân gắn chip hoặc ứng dụng VssID thay cho thẻ BHYT giấy khi đi khám chữa bệnh, giúp rút ngắn thời gian làm thủ tục tại cơ sở y tế.",
            "Người có thời gian tham gia BHYT 5 năm liên tục trở lên và có số tiền cùng chi trả chi phí khám chữa bệnh trong năm lớn hơn 6 tháng lương cơ sở được quỹ BHYT thanh toán 100% chi phí trong phạm vi quyền lợi.",
            "Học sinh, sinh viên tham gia BHYT được ngân sách nhà nước hỗ trợ tối thiểu 30% mức đóng; nhiều địa phương hỗ trợ thêm từ ngân sách tỉnh để các em được bảo vệ sức khỏe trong suốt năm học.",
            "Trong {quy} năm {nam}, các cơ sở khám chữa bệnh trên địa bàn đã tiếp nhận hơn 612.000 lượt khám chữa bệnh BHYT với tổng chi phí đề nghị thanh toán trên 318 tỷ đồng.",
            "Hưởng ứng Ngày BHYT Việt Nam 1/7, BHXH tỉnh phối hợp với Sở Y tế tổ chức nhiều hoạt động truyền thông, tặng thẻ BHYT cho người có hoàn cảnh khó khăn.",
        ],
    },
    TopicPieces {
        topic: Topic::Bhtn,
        also: &[],
        section: "Bảo hiểm thất nghiệp",
        titles: &[
            "Hỗ trợ người lao động mất việc làm hưởng trợ cấp thất nghiệp {dia_ban}",
            "Thủ tục hưởng trợ cấp thất nghiệp năm {nam}",
            "Học nghề miễn phí cho người đang hưởng trợ cấp thất nghiệp",
            "Chính sách hỗ trợ doanh nghiệp đào tạo, duy trì việc làm từ Quỹ BHTN",
            "Số người hưởng trợ cấp thất nghiệp {quy} năm {nam} tăng so với cùng kỳ",
            "BHTN – điểm tựa cho {doi_tuong} khi mất việc",
        ],
        leads: &[
            "Bảo hiểm thất nghiệp (BHTN) không chỉ chi trả trợ cấp mà còn hỗ trợ người lao động học nghề, tìm việc làm để sớm quay lại thị trường lao động.",
            "Trong bối cảnh nhiều doanh nghiệp cắt giảm đơn hàng, chính sách BHTN phát huy vai trò hỗ trợ người lao động vượt qua khó khăn.",
        ],
        paragraphs: &[
            "Người lao động đã đóng BHTN từ đủ 12 tháng trở lên trong 24 tháng trước khi chấm dứt hợp đồng lao động được hưởng trợ cấp thất nghiệp hằng tháng bằng 60% mức bình quân tiền lương tháng đóng BHTN của 6 tháng liền kề.",
            "Trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng lao động, người lao động cần nộp hồ sơ đề nghị hưởng trợ cấp thất nghiệp tại Trung tâm Dịch vụ việc làm.",
            "{quy} năm {nam}, BHXH tỉnh đã giải quyết cho hơn 3.400 người hưởng trợ cấp thất nghiệp, trong đó trên 400 người được hỗ trợ học nghề miễn phí.",
            "Quỹ BHTN còn hỗ trợ người sử dụng lao động kinh phí đào tạo, bồi dưỡng, nâng cao trình độ kỹ năng nghề để duy trì việc làm cho người lao động.",
        ],
    },
    TopicPieces {
        topic: Topic::NetworkSecurity,
        also: &[],
        section: "An toàn thông tin",
        titles: &[
            "Bảo đảm an toàn thông tin trong hệ thống công nghệ thông tin ngành BHXH",
            "Tập huấn an toàn thông tin mạng cho cán bộ, viên chức năm {nam}",
            "Khuyến cáo bảo vệ tài khoản VssID và mật khẩu cá nhân",
            "Diễn tập ứng cứu sự cố an toàn thông tin mạng {quy} năm {nam}",
            "Nâng cao nhận thức về an toàn thông tin cho {doi_tuong}",
            "Bảo vệ dữ liệu cá nhân của người tham gia BHXH, BHYT",
        ],
        leads: &[
            "Thực hiện Công văn 1466/BHXH-TT, BHXH tỉnh đẩy mạnh truyền thông về an toàn thông tin mạng tới cán bộ, viên chức và người tham gia.",
            "Mỗi cá nhân cần chủ động bảo vệ thông tin của mình trên không gian mạng, nhất là mật khẩu tài khoản giao dịch điện tử.",
        ],
        paragraphs: &[
            "Trung tâm Công nghệ thông tin phối hợp với Trung tâm Truyền thông thường xuyên rà soát, đánh giá an toàn hệ thống, kịp thời vá lỗ hổng và cảnh báo nguy cơ tấn công.",
            "Người dùng không chia sẻ mật khẩu, mã OTP cho bất kỳ ai, kể cả người tự xưng là cán bộ BHXH; chỉ tải ứng dụng VssID từ App Store hoặc Google Play.",
            "Cán bộ, viên chức được hướng dẫn nhận diện thư điện tử giả mạo, không mở tệp đính kèm không rõ nguồn gốc và báo ngay cho bộ phận công nghệ thông tin khi phát hiện dấu hiệu bất thường.",
            "Năm {nam}, đơn vị tổ chức {so} đợt tập huấn, diễn tập với tình huống giả định về mã độc tống tiền và tấn công từ chối dịch vụ nhằm nâng cao khả năng ứng phó.",
        ],
    },
    TopicPieces {
        topic: Topic::FraudWarning,
        also: &[Topic::NetworkSecurity],
        section: "Cảnh báo lừa đảo",
        titles: &[
            "Cảnh báo giả danh cơ quan BHXH gọi điện yêu cầu chuyển tiền",
            "Cảnh báo trang web giả mạo Cổng Thông tin điện tử BHXH",
            "Cảnh giác với tin nhắn mạo danh hỗ trợ rút BHXH một lần",
            "Thủ đoạn lừa đảo cài ứng dụng VssID giả mạo",
            "Cảnh báo lừa đảo “hỗ trợ lấy lại tiền đóng BHXH” trên mạng xã hội",
            "Cảnh báo cuộc gọi mạo danh thông báo nợ BHYT {dia_ban}",
            "Tiếp tục xuất hiện thủ đoạn lừa đảo nhắm vào {doi_tuong}",
        ],
        leads: &[
            "Thời gian gần đây, BHXH tỉnh nhận được phản ánh về việc đối tượng xấu mạo danh cán bộ BHXH để lừa đảo, chiếm đoạt tài sản của người dân.",
            "BHXH tỉnh khẳng định không gọi điện, nhắn tin yêu cầu người dân chuyển tiền hay cung cấp mã OTP dưới bất kỳ hình thức nào.",
            "Người dân cần tỉnh táo trước các cuộc gọi, tin nhắn, đường link lạ tự xưng là cơ quan BHXH.",
        ],
        paragraphs: &[
            "Đối tượng thường gọi điện thông báo người dân đang nợ tiền đóng BHYT, BHXH hoặc có khoản trợ cấp chưa nhận, sau đó yêu cầu cài ứng dụng lạ hoặc chuyển tiền vào tài khoản cá nhân.",
            "Các trang web giả mạo có giao diện gần giống Cổng Thông tin điện tử của ngành nhưng tên miền khác biệt; người dân chỉ truy cập các địa chỉ chính thức có đuôi .gov.vn.",
            "Khi nhận được cuộc gọi, tin nhắn nghi vấn, người dân không làm theo hướng dẫn, không cung cấp thông tin cá nhân mà liên hệ ngay tổng đài 1900 9068 hoặc cơ quan BHXH nơi gần nhất để xác minh.",
            "BHXH các huyện đã ghi nhận {so} vụ việc có dấu hiệu lừa đảo trong tháng {thang}/{nam} và báo cáo lên BHXH tỉnh để phối hợp với cơ quan công an xử lý.",
            "Nhiều {doi_tuong} đã bị dụ dỗ bấm vào đường link “hỗ trợ rút BHXH một lần nhanh” và bị chiếm quyền điều khiển điện thoại, mất tiền trong tài khoản ngân hàng.",
        ],
    },
    TopicPieces {
        topic: Topic::Organisation,
        also: &[],
        section: "Giới thiệu – Tổ chức bộ máy",
        titles: &[
            "Kiện toàn Ban Biên tập Cổng Thông tin điện tử BHXH tỉnh năm {nam}",
            "Thông tin người phát ngôn của BHXH tỉnh năm {nam}",
            "BHXH tỉnh triển khai kế hoạch hoạt động năm {nam}",
            "Hội nghị sơ kết công tác {quy} năm {nam}",
            "Đẩy mạnh cải cách thủ tục hành chính, giao dịch điện tử {dia_ban}",
            "Tiếp nhận hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia",
        ],
        leads: &[
            "BHXH tỉnh công bố thông tin tổ chức bộ máy, đầu mối liên hệ để người dân, doanh nghiệp thuận tiện liên hệ, giao dịch.",
            "Năm {nam}, ngành BHXH tỉnh đặt mục tiêu phục vụ người dân ngày càng tốt hơn trên nền tảng chuyển đổi số.",
        ],
        paragraphs: &[
            "Ban Biên tập gồm Trưởng ban là Phó Giám đốc BHXH tỉnh, Thư ký và các biên tập viên thuộc các phòng nghiệp vụ, chịu trách nhiệm biên tập, đăng, gỡ tin bài theo Quyết định 2474/QĐ-BHXH.",
            "Người phát ngôn có trách nhiệm cung cấp thông tin cho báo chí kịp thời, chính xác; thông tin liên hệ của người phát ngôn được đăng công khai trên Cổng Thông tin điện tử.",
            "Tỷ lệ hồ sơ giao dịch điện tử của đơn vị sử dụng lao động đạt {pct}%, thời gian giải quyết hồ sơ được rút ngắn đáng kể so với trước.",
            "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ, chỉ ra những tồn tại, hạn chế và đề ra giải pháp hoàn thành chỉ tiêu được giao trong thời gian tới.",
        ],
    },
    TopicPieces {
        topic: Topic::Events,
        also: &[],
        section: "Tin tức – Sự kiện",
        titles: &[
            "Kỷ niệm {so_nam} năm Ngày truyền thống ngành BHXH Việt Nam (16/2)",
            "Chương trình “Tết sum vầy” tặng quà người lao động có hoàn cảnh khó khăn",
            "Chi trả lương hưu, trợ cấp BHXH trước Tết Nguyên đán",
            "Tháng hành động hưởng ứng Ngày BHYT Việt Nam 1/7",
            "Công đoàn BHXH tỉnh chào mừng ngày 30/4 và 1/5",
            "Ngày hội tuyên truyền BHXH, BHYT {dia_ban}",
            "Mít tinh hưởng ứng Ngày BHYT Việt Nam năm {nam}",
            "Trao sổ BHXH, thẻ BHYT cho {doi_tuong} nhân dịp Xuân mới",
        ],
        leads: &[
            "Hướng tới ngày lễ lớn, BHXH tỉnh tổ chức nhiều hoạt động ý nghĩa, lan tỏa chính sách BHXH, BHYT đến với người dân.",
            "Trong không khí phấn khởi, các đơn vị trong ngành đã có nhiều hoạt động thiết thực chào mừng sự kiện.",
        ],
        paragraphs: &[
            "Ngày 16/2/1995, BHXH Việt Nam chính thức đi vào hoạt động; đến nay ngành đã trở thành trụ cột của hệ thống an sinh xã hội với hàng chục triệu người tham gia.",
            "Để người hưởng đón Tết đầy đủ, BHXH tỉnh phối hợp với Bưu điện tỉnh chi trả gộp hai tháng lương hưu, trợ cấp BHXH trước kỳ nghỉ Tết Nguyên đán.",
            "Nhân dịp này, đơn vị đã trao tặng {so}0 sổ BHXH tự nguyện và 250 thẻ BHYT cho {doi_tuong} có hoàn cảnh khó khăn, với tổng trị giá gần 300 triệu đồng.",
            "Ngày 1/7 hằng năm được lấy là Ngày BHYT Việt Nam; các hoạt động hưởng ứng góp phần nâng cao nhận thức của người dân về ý nghĩa, vai trò của chính sách BHYT.",
            "Buổi lễ diễn ra trang trọng, ấm cúng với sự tham dự của lãnh đạo tỉnh, đại diện các sở, ngành và đông đảo cán bộ, viên chức, người lao động trong ngành.",
        ],
    },
    TopicPieces {
        topic: Topic::ModelExamples,
        also: &[],
        section: "Gương điển hình",
        titles: &[
            "Gương sáng nhân viên thu BHXH, BHYT tận tụy {dia_ban}",
            "Đại lý thu xuất sắc trong phát triển người tham gia BHXH tự nguyện",
            "Cán bộ một cửa tận tình hướng dẫn người dân",
            "Doanh nghiệp thực hiện tốt chính sách BHXH cho người lao động",
            "Điển hình tiên tiến trong phong trào thi đua ngành BHXH năm {nam}",
            "Người “giữ lửa” chính sách BHXH cho {doi_tuong}",
        ],
        leads: &[
            "Bằng sự tận tâm, trách nhiệm, nhiều cán bộ, nhân viên đại lý đã trở thành cầu nối đưa chính sách BHXH, BHYT đến gần hơn với người dân.",
            "Những tấm gương bình dị nhưng đầy nhiệt huyết đã góp phần quan trọng vào kết quả chung của ngành.",
        ],
        paragraphs: &[
            "Hơn {so} năm gắn bó với công việc, chị đã vận động được hàng trăm người tham gia BHXH tự nguyện, BHYT hộ gia đình, nhiều năm liền được khen thưởng.",
            "Không quản ngại đường xa, anh đến từng nhà giải thích cặn kẽ quyền lợi, hướng dẫn người dân cài đặt và sử dụng ứng dụng VssID.",
            "Doanh nghiệp luôn đóng đủ, đúng hạn BHXH cho hơn 1.200 người lao động, đồng thời tạo điều kiện để người lao động được hưởng đầy đủ các chế độ ốm đau, thai sản.",
            "Bài viết là một trong những bài điển hình được Ban Biên tập lựa chọn để gửi Cổng Thông tin điện tử BHXH Việt Nam theo chỉ đạo tại Công văn 3216/BHXH-TT.",
        ],
    },
];

const PLACES: &[&str] = &[
    "tại các xã vùng cao",
    "tại khu công nghiệp phía Bắc",
    "trên địa bàn thành phố",
    "tại các huyện ven biển",
    "ở khu vực nông thôn",
    "tại các xã biên giới",
    "trong khối doanh nghiệp ngoài nhà nước",
    "tại các phường trung tâm",
];

const GROUPS: &[&str] = &[
    "người lao động tự do",
    "hội viên nông dân",
    "đoàn viên thanh niên",
    "tiểu thương chợ",
    "học sinh, sinh viên",
    "công nhân khu công nghiệp",
    "hội viên phụ nữ",
    "người cao tuổi",
];

const QUARTERS: &[&str] = &["quý I", "quý II", "quý III", "quý IV", "6 tháng đầu"];

const CLOSINGS: &[&str] = &[
    "Mọi thắc mắc về chính sách BHXH, BHYT, người dân vui lòng liên hệ tổng đài 1900 9068 hoặc bộ phận một cửa của cơ quan BHXH nơi gần nhất để được hướng dẫn.",
    "Thời gian tới, BHXH tỉnh tiếp tục phối hợp chặt chẽ với các sở, ngành, địa phương để thực hiện tốt chính sách, bảo đảm quyền lợi hợp pháp của người tham gia.",
    "Người dân có thể tra cứu quá trình tham gia, thông tin thẻ BHYT và giao dịch điện tử mọi lúc, mọi nơi qua ứng dụng VssID.",
];

const SOURCES: &[&str] = &[
    "BHXH tỉnh",
    "Phòng Truyền thông và Phát triển đối tượng",
    "BHXH Việt Nam",
    "Trung tâm Công nghệ thông tin",
    "Phòng Quản lý thu – Sổ, thẻ",
];

const RETURN_COMMENTS: &[&str] = &[
    "Đề nghị bổ sung số liệu cụ thể và nguồn trích dẫn.",
    "Sapo còn dài, đề nghị viết gọn lại dưới 60 chữ.",
    "Cần kiểm tra lại tên văn bản và ngày ban hành.",
    "Ảnh minh họa chưa có chú thích, đề nghị bổ sung.",
    "Tiêu đề chưa phản ánh đúng nội dung chính của bài.",
];

const REMOVAL_REASONS: &[&str] = &[
    "Mức hưởng đã thay đổi theo văn bản mới, cần gỡ để cập nhật.",
    "Bài trùng nội dung với tin đã đăng trước đó.",
    "Số liệu trong bài chưa chính xác, đề nghị gỡ để đính chính.",
    "Văn bản dẫn chiếu trong bài đã hết hiệu lực.",
    "Hình ảnh trong bài chưa được sự đồng ý của người trong ảnh.",
];

const HEADINGS: &[&str] = &[
    "Quyền lợi của người tham gia",
    "Những điểm cần lưu ý",
    "Kết quả nổi bật",
    "Giải pháp trong thời gian tới",
    "Thủ tục thực hiện",
];

const STEPS: &[&[&str]] = &[
    &[
        "Đăng nhập ứng dụng VssID bằng mã số BHXH và mật khẩu",
        "Chọn mục Dịch vụ công, sau đó chọn thủ tục cần thực hiện",
        "Kiểm tra thông tin, xác nhận và theo dõi kết quả trên ứng dụng",
    ],
    &[
        "Chuẩn bị căn cước công dân và sổ BHXH (nếu có)",
        "Nộp hồ sơ tại bộ phận một cửa hoặc qua Cổng Dịch vụ công quốc gia",
        "Nhận kết quả qua tài khoản cá nhân hoặc dịch vụ bưu chính",
    ],
    &[
        "Không cung cấp mã OTP, mật khẩu cho bất kỳ ai",
        "Không truy cập đường dẫn lạ gửi qua tin nhắn, mạng xã hội",
        "Gọi tổng đài 1900 9068 để xác minh khi có nghi ngờ",
    ],
];

const QUOTES: &[(&str, &str)] = &[
    (
        "Mỗi người lao động được bảo vệ bởi BHXH là một gia đình thêm yên tâm trước rủi ro.",
        "Giám đốc BHXH tỉnh",
    ),
    (
        "Chúng tôi xác định lấy người dân, doanh nghiệp làm trung tâm phục vụ.",
        "Phó Giám đốc BHXH tỉnh",
    ),
    (
        "Nhờ có thẻ BHYT, gia đình tôi vượt qua được đợt điều trị dài ngày.",
        "Một người bệnh tại bệnh viện tỉnh",
    ),
];

const DISCUSSION: &[&str] = &[
    "Đã bổ sung số liệu theo báo cáo mới nhất của phòng Thu.",
    "Đề nghị kiểm tra lại chú thích ảnh trước khi trình duyệt.",
    "Bài viết tốt, có thể đăng kèm infographic minh họa.",
    "Tôi đã soát chính tả và thống nhất cách viết tắt BHXH, BHYT.",
    "Nên đưa tin này lên mạng xã hội vào buổi sáng.",
];

/// How many articles end in each stage, out of [`DEMO_ARTICLES`] (scaled for other counts).
const STAGE_COUNTS: [(Stage, usize); 8] = [
    (Stage::Draft, 24),
    (Stage::Editing, 22),
    (Stage::Review, 20),
    (Stage::PendingApproval, 16),
    (Stage::Approved, 12),
    (Stage::Published, 86),
    (Stage::RemovalRequested, 10),
    (Stage::Removed, 10),
];

fn fill(template: &str, rng: &mut StdRng, year: i32) -> String {
    let mut s = template.to_string();
    let pairs: [(&str, String); 10] = [
        ("{dia_ban}", pick(rng, PLACES).to_string()),
        ("{doi_tuong}", pick(rng, GROUPS).to_string()),
        ("{quy}", pick(rng, QUARTERS).to_string()),
        ("{nam_sau}", (year + 1).to_string()),
        ("{nam}", year.to_string()),
        ("{thang}", rng.gen_range(1..=12).to_string()),
        (
            "{pct}",
            format!("{},{}", rng.gen_range(90..=96), rng.gen_range(1..=9)),
        ),
        (
            "{tang}",
            format!("{},{}", rng.gen_range(2..=9), rng.gen_range(1..=9)),
        ),
        ("{so_nam}", (year - 1995).max(1).to_string()),
        ("{so}", rng.gen_range(3..=12).to_string()),
    ];
    for (slot, value) in pairs {
        if s.contains(slot) {
            s = s.replace(slot, &value);
        }
    }
    // The slot may have opened a sentence.
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// One line of an article's life before dates and people are filled in.
#[derive(Debug, Clone)]
enum Step {
    Create,
    Update(Role),
    Move {
        to: Stage,
        role: Role,
        comment: Option<String>,
    },
}

/// The steps that take a new draft to `target` along the default workflow, with the detours
/// (returns, refused removals) a real board makes now and then.
fn steps_to(target: Stage, creator_role: Role, rng: &mut StdRng) -> Vec<Step> {
    use Stage::*;
    let mv = |to, role| Step::Move {
        to,
        role,
        comment: None,
    };
    let mut out = vec![Step::Create];
    if rng.gen_bool(0.5) {
        out.push(Step::Update(creator_role));
    }
    if target == Draft {
        if rng.gen_bool(0.3) {
            out.push(mv(Editing, creator_role));
            out.push(Step::Move {
                to: Draft,
                role: Role::Editor,
                comment: Some(pick(rng, RETURN_COMMENTS).to_string()),
            });
        }
        return out;
    }
    out.push(mv(Editing, creator_role));
    if rng.gen_bool(0.7) {
        out.push(Step::Update(Role::Editor));
    }
    if target == Editing {
        return out;
    }
    if rng.gen_bool(0.15) {
        out.push(Step::Move {
            to: Draft,
            role: Role::Editor,
            comment: Some(pick(rng, RETURN_COMMENTS).to_string()),
        });
        out.push(Step::Update(creator_role));
        out.push(mv(Editing, creator_role));
    }
    out.push(mv(Review, Role::Editor));
    if target == Review {
        return out;
    }
    if rng.gen_bool(0.15) {
        out.push(Step::Move {
            to: Editing,
            role: Role::Secretary,
            comment: Some(pick(rng, RETURN_COMMENTS).to_string()),
        });
        out.push(Step::Update(Role::Editor));
        out.push(mv(Review, Role::Editor));
    }
    out.push(mv(PendingApproval, Role::Secretary));
    if target == PendingApproval {
        return out;
    }
    if rng.gen_bool(0.1) {
        out.push(Step::Move {
            to: Review,
            role: Role::ChiefEditor,
            comment: Some(pick(rng, RETURN_COMMENTS).to_string()),
        });
        out.push(mv(PendingApproval, Role::Secretary));
    }
    out.push(mv(Approved, Role::ChiefEditor));
    if target == Approved {
        return out;
    }
    let publisher = if rng.gen_bool(0.6) {
        Role::Secretary
    } else {
        Role::ChiefEditor
    };
    out.push(mv(Published, publisher));
    let requester = if rng.gen_bool(0.5) {
        Role::Editor
    } else {
        Role::Secretary
    };
    let reason = pick(rng, REMOVAL_REASONS).to_string();
    if target == Published {
        if rng.gen_bool(0.08) {
            out.push(Step::Move {
                to: RemovalRequested,
                role: requester,
                comment: Some(reason),
            });
            out.push(Step::Move {
                to: Published,
                role: Role::ChiefEditor,
                comment: Some(
                    "Nội dung bài vẫn chính xác, không cần gỡ; bổ sung đính chính nếu cần."
                        .to_string(),
                ),
            });
        }
        return out;
    }
    out.push(Step::Move {
        to: RemovalRequested,
        role: requester,
        comment: Some(reason.clone()),
    });
    if target == RemovalRequested {
        return out;
    }
    out.push(Step::Move {
        to: Removed,
        role: Role::ChiefEditor,
        comment: Some(format!("Đồng ý gỡ bài. {reason}")),
    });
    out
}

fn pick_kind(rng: &mut StdRng) -> Kind {
    let roll = rng.gen_range(0..100);
    match roll {
        0..=44 => Kind::News,
        45..=69 => Kind::Article,
        70..=77 => Kind::InDepth,
        78..=84 => Kind::Photo,
        85..=90 => Kind::Infographic,
        91..=95 => Kind::Video,
        96..=97 => Kind::MotionGraphic,
        _ => Kind::Banner,
    }
}

fn kind_prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Photo => "[Ảnh] ",
        Kind::Infographic => "[Infographic] ",
        Kind::Video => "[Video] ",
        Kind::MotionGraphic => "[Motion graphic] ",
        Kind::Banner => "[Banner] ",
        Kind::News | Kind::Article | Kind::InDepth => "",
    }
}

/// A body of real blocks: paragraphs from the topic, now and then a heading, a list of steps,
/// a quote, an image with alt text and caption. A `complete` body is long enough for its kind
/// under `settings`.
fn demo_body(
    rng: &mut StdRng,
    pieces: &TopicPieces,
    kind: Kind,
    year: i32,
    complete: bool,
    settings: &ChecklistSettings,
) -> Vec<Block> {
    let mut paragraphs: Vec<&str> = pieces.paragraphs.to_vec();
    paragraphs.shuffle(rng);
    let count = rng.gen_range(2..=paragraphs.len().min(4));
    let mut body: Vec<Block> = Vec::new();
    for (i, p) in paragraphs[..count].iter().enumerate() {
        if i == 1 && rng.gen_bool(0.4) {
            body.push(Block::Heading {
                level: 2,
                spans: vec![Span::plain(*pick(rng, HEADINGS))],
            });
        }
        body.push(Block::paragraph(fill(p, rng, year)));
    }
    if rng.gen_bool(0.3) {
        let steps = *pick(rng, STEPS);
        body.push(Block::List {
            ordered: rng.gen_bool(0.5),
            items: steps.iter().map(|s| vec![Span::plain(*s)]).collect(),
        });
    }
    if rng.gen_bool(0.2) {
        let (text, cite) = *pick(rng, QUOTES);
        body.push(Block::Quote {
            spans: vec![Span::plain(text)],
            cite: cite.to_string(),
        });
    }
    if rng.gen_bool(0.25) {
        body.push(Block::Image {
            url: format!(
                "/media/demo/{}-{:02}.jpg",
                pieces.topic.as_str(),
                rng.gen_range(1..=12)
            ),
            alt: format!("Ảnh minh họa: {}", pieces.topic.label_vi().to_lowercase()),
            caption: format!(
                "Hoạt động {} năm {year}",
                pieces.topic.label_vi().to_lowercase()
            ),
        });
    }
    let mut closing = vec![Span::plain(*pick(rng, CLOSINGS))];
    if rng.gen_bool(0.3) {
        closing.push(Span::plain(" Xem thêm tại "));
        closing.push(Span {
            text: "Cổng thông tin BHXH Việt Nam".to_string(),
            link: Some("https://baohiemxahoi.gov.vn".to_string()),
            ..Span::default()
        });
        closing.push(Span::plain("."));
    }
    body.push(Block::Paragraph { spans: closing });
    if complete {
        let min = settings
            .body_min
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n);
        // Long kinds take the topic's other paragraphs, then other topics' ones.
        let more = paragraphs[count..]
            .iter()
            .chain(TOPICS.iter().flat_map(|t| t.paragraphs.iter()))
            .copied()
            .collect::<Vec<_>>();
        let mut extra = more.into_iter();
        while body_chars(&body) < min {
            let Some(p) = extra.next() else { break };
            let at = body.len() - 1;
            body.insert(at, Block::paragraph(fill(p, rng, year)));
        }
    }
    body
}

/// Builds `count` demo articles for `users` (which must hold every board role), as of `now`.
pub fn generate_articles(
    users: &[User],
    now: DateTime<Utc>,
    count: usize,
    settings: &ChecklistSettings,
) -> Vec<ImportedArticle> {
    let mut rng = StdRng::seed_from_u64(19_950_216);
    let with_role =
        |r: Role| -> Vec<&User> { users.iter().filter(|u| u.roles.contains(&r)).collect() };
    let authors = with_role(Role::Author);
    let editors = with_role(Role::Editor);
    let secretaries = with_role(Role::Secretary);
    let chiefs = with_role(Role::ChiefEditor);
    if authors.is_empty() || editors.is_empty() || secretaries.is_empty() || chiefs.is_empty() {
        return Vec::new();
    }
    let workflow = default_workflow();

    let mut stages: Vec<Stage> = STAGE_COUNTS
        .iter()
        .flat_map(|(s, n)| std::iter::repeat_n(*s, n * count / DEMO_ARTICLES))
        .collect();
    // Rounding leftovers are published.
    stages.resize(count, Stage::Published);
    stages.shuffle(&mut rng);

    let mut titles_seen = HashSet::new();
    let mut out = Vec::with_capacity(stages.len());
    for (n, target) in stages.into_iter().enumerate() {
        let creator_is_author = rng.gen_bool(0.75);
        let creator = if creator_is_author {
            *pick(&mut rng, &authors)
        } else {
            *pick(&mut rng, &editors)
        };
        let creator_role = if creator_is_author {
            Role::Author
        } else {
            Role::Editor
        };
        let editor = *pick(&mut rng, &editors);
        let secretary = *pick(&mut rng, &secretaries);
        let chief = *pick(&mut rng, &chiefs);
        let actor = |role: Role| -> &User {
            match role {
                Role::Author => creator,
                Role::Editor if !creator_is_author => creator,
                Role::Editor => editor,
                Role::Secretary => secretary,
                _ => chief,
            }
        };

        let steps = steps_to(target, creator_role, &mut rng);
        // Gaps between steps: from half an hour to three days.
        let gaps: Vec<Duration> = steps
            .iter()
            .map(|_| Duration::minutes(rng.gen_range(30..=3 * 24 * 60)))
            .collect();
        let total: Duration = gaps.iter().skip(1).fold(Duration::zero(), |a, g| a + *g);
        let latest_start = now - total - Duration::minutes(20);
        let span_minutes = (latest_start - (now - Duration::days(182)))
            .num_minutes()
            .max(1);
        let created_at = latest_start - Duration::minutes(rng.gen_range(0..span_minutes));

        let pieces = pick(&mut rng, TOPICS);
        let kind = pick_kind(&mut rng);
        let year = created_at.year();
        let mut title = String::new();
        for attempt in 0..50 {
            let template = *pick(&mut rng, pieces.titles);
            let candidate = format!("{}{}", kind_prefix(kind), fill(template, &mut rng, year));
            if titles_seen.insert(candidate.clone()) {
                title = candidate;
                break;
            }
            if attempt == 49 {
                title = format!("{candidate} ({})", n + 1);
                titles_seen.insert(title.clone());
            }
        }
        let lead_template = *pick(&mut rng, pieces.leads);
        let lead = fill(lead_template, &mut rng, year);
        // Approved and later passed the checklist, so their content is complete.
        let complete = matches!(
            target,
            Stage::Approved | Stage::Published | Stage::RemovalRequested | Stage::Removed
        ) || (target == Stage::PendingApproval && rng.gen_bool(0.5));
        let body = demo_body(&mut rng, pieces, kind, year, complete, settings);

        let mut topics = vec![pieces.topic];
        topics.extend_from_slice(pieces.also);
        if rng.gen_bool(0.15) {
            topics.push(Topic::Events);
        }
        topics.sort();
        topics.dedup();
        let mut channels = vec![Channel::Portal];
        if rng.gen_bool(0.5) {
            channels.push(Channel::Social);
        }
        if rng.gen_bool(0.3) {
            channels.push(Channel::Vssid);
        }
        if rng.gen_bool(0.15) {
            channels.push(Channel::Press);
        }
        let mut shares = vec![AuthorShare {
            name: creator.full_name.clone(),
            user_id: Some(creator.id),
            share: 100,
        }];
        if rng.gen_bool(0.3) {
            let other = *pick(&mut rng, &authors);
            if other.id != creator.id {
                shares[0].share = 70;
                shares.push(AuthorShare {
                    name: other.full_name.clone(),
                    user_id: Some(other.id),
                    share: 30,
                });
            }
        }
        let cover = if rng.gen_bool(0.6) || matches!(kind, Kind::Photo | Kind::Infographic) {
            Some(CoverImage {
                url: format!(
                    "/media/demo/{}-{:02}.jpg",
                    pieces.topic.as_str(),
                    rng.gen_range(1..=12)
                ),
                alt: format!("Ảnh minh họa: {}", pieces.topic.label_vi()),
                caption: lead.chars().take(120).collect(),
            })
        } else {
            None
        };

        let checks: Vec<String> = settings
            .manual
            .iter()
            .filter(|_| complete || rng.gen_bool(0.3))
            .map(|m| m.id.clone())
            .collect();
        let mut article = Article {
            id: 0,
            title,
            lead,
            body,
            section: pieces.section.to_string(),
            topics,
            kind,
            authors: shares,
            source: pick(&mut rng, SOURCES).to_string(),
            cover,
            channels,
            language: Language::Vi,
            model_example: pieces.topic == Topic::ModelExamples && rng.gen_bool(0.5),
            checks,
            checklist: Checklist::default(),
            stage: Stage::Draft,
            scheduled_at: None,
            published_at: None,
            removal_reason: None,
            created_by: creator.id,
            created_at,
            updated_at: created_at,
            updated_by: creator.id,
            updated_by_name: creator.full_name.clone(),
            stage_changed_at: created_at,
            version: 0,
            revision: None,
        };

        let mut history = Vec::with_capacity(steps.len());
        let mut at = created_at;
        for (i, step) in steps.into_iter().enumerate() {
            if i > 0 {
                at += gaps[i];
            }
            article.version += 1;
            article.updated_at = at;
            let (who, action, from, to, comment) = match step {
                Step::Create => (
                    creator,
                    "create".to_string(),
                    None,
                    Some(Stage::Draft),
                    None,
                ),
                Step::Update(role) => (actor(role), "update".to_string(), None, None, None),
                Step::Move { to, role, comment } => {
                    let from = article.stage;
                    let action = workflow
                        .rule(from, to)
                        .map(|r| r.action.clone())
                        .unwrap_or_default();
                    article.stage = to;
                    article.stage_changed_at = at;
                    match action.as_str() {
                        "publish" => article.published_at = Some(at),
                        "request_removal" => article.removal_reason = comment.clone(),
                        "refuse_removal" => article.removal_reason = None,
                        _ => {}
                    }
                    (actor(role), action, Some(from), Some(to), comment)
                }
            };
            article.updated_by = who.id;
            article.updated_by_name = who.full_name.clone();
            history.push(NewHistory {
                at,
                actor_id: who.id,
                actor_name: who.full_name.clone(),
                action,
                from_stage: from,
                to_stage: to,
                comment,
                version: article.version,
            });
        }
        if article.stage == Stage::Approved && rng.gen_bool(0.5) {
            article.scheduled_at = Some(now + Duration::hours(rng.gen_range(2..=72)));
        }
        // A discussion on some articles: a word from the board between two steps.
        let mut comments = Vec::new();
        if history.len() > 1 && rng.gen_bool(0.35) {
            for _ in 0..rng.gen_range(1..=2) {
                let step = rng.gen_range(0..history.len() - 1);
                let who = *pick(&mut rng, &[editor, secretary, chief]);
                comments.push(NewCommentRecord {
                    at: history[step].at + Duration::minutes(rng.gen_range(1..=20)),
                    author_id: who.id,
                    author_name: who.full_name.clone(),
                    text: pick(&mut rng, DISCUSSION).to_string(),
                });
            }
            comments.sort_by_key(|c| c.at);
        }
        article.checklist = evaluate(&article, settings);
        out.push(ImportedArticle {
            article,
            history,
            comments,
        });
    }
    out
}

/// Imports `count` demo articles written by `users`, as of `now`; how many were imported.
pub async fn seed(
    state: &AppState,
    users: &[User],
    now: DateTime<Utc>,
    count: usize,
) -> Result<usize, String> {
    let articles = generate_articles(users, now, count, &state.checklist);
    let audit = NewAudit {
        at: now,
        actor_id: None,
        actor_name: "system".to_string(),
        action: "demo.seed".to_string(),
        target: None,
        outcome: "success".to_string(),
        detail: Some(format!(
            "users: {}, articles: {}",
            users.len(),
            articles.len()
        )),
    };
    state
        .store
        .import_articles(&articles, audit)
        .await
        .map_err(|e| e.to_string())
}
