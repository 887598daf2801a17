/**
 * Real lines of amending texts of the development corpus (its more/ folder), copied as printed — wrapped lines, trailing
 * spaces, gazette page furniture and all — for the instruction reader's tests (corpus-patterns.test.ts). Each constant
 * names its document and lines; the tests wrap them in a letterhead and a signature.
 */
/** 134/2026/NĐ-CP: more/134-2026-ND-CP.txt, lines 451–509. */
export const SOME_POINTS_OF_ART_38 = `Điều 16. Sửa đổi, bổ sung một số điểm, khoản của Điều 38 
1. Sửa đổi, bổ sung khoản 1: 
“1. Tác giả, chủ sở hữu quyền tác giả, chủ sở hữu quyền liên quan là cá 
nhân, tổ chức Việt Nam, cá nhân nước ngoài thường trú tại Việt Nam, tổ chức 
nước ngoài có trụ sở, văn phòng đại diện hoặc chi nhánh tại Việt Nam có thể 
tự mình hoặc ủy quyền cho đại diện hợp pháp tại Việt Nam nộp hồ sơ đăng ký 
quyền tác giả, đăng ký quyền liên quan.” 

CÔNG BÁO/Số 256/Ngày 29-04-2026 
14
 
 
2. Sửa đổi, bổ sung khoản 2: 
“2. Tác giả, chủ sở hữu quyền tác giả, chủ sở hữu quyền liên quan là cá 
nhân nước ngoài không thường trú tại Việt Nam, tổ chức nước ngoài không có 
trụ sở, văn phòng đại diện hoặc chi nhánh tại Việt Nam nộp hồ sơ đăng ký 
quyền tác giả, đăng ký quyền liên quan thông qua ủy quyền cho tổ chức dịch 
vụ đại diện quyền tác giả, quyền liên quan tại Việt Nam.” 
3. Sửa đổi, bổ sung các điểm a, b của khoản 5: 
“a) Tổ chức, cá nhân nộp 01 bộ hồ sơ theo quy định tại các khoản 1, 2, 3 
và 8 Điều này, khoản 1 Điều 39, Điều 39a, khoản 2 Điều 40 và khoản 2 Điều 
41 của Nghị định này, phí, lệ phí và nhận kết quả giải quyết thủ tục hành chính 
theo quy định của pháp luật; 
b) Cơ quan nhà nước có thẩm quyền rà soát, phân loại, xem xét tính hợp 
lệ của hồ sơ đề nghị cấp Giấy chứng nhận đăng ký quyền tác giả, Giấy chứng 
nhận đăng ký quyền liên quan trong thời hạn 22 ngày làm việc kể từ ngày nhận 
được hồ sơ; hồ sơ đề nghị cấp lại Giấy chứng nhận đăng ký quyền tác giả, Giấy 
chứng nhận đăng ký quyền liên quan trong thời hạn 8 ngày làm việc kể từ ngày 
nhận được hồ sơ; hồ sơ đề nghị cấp đổi Giấy chứng nhận đăng ký quyền tác 
giả, Giấy chứng nhận đăng ký quyền liên quan trong thời hạn 13 ngày làm việc 
kể từ ngày nhận được hồ sơ;” 
4. Sửa đổi, bổ sung khoản 6: 
“6. Trường hợp nộp hồ sơ đăng ký quyền tác giả, đăng ký quyền liên quan 
thông qua ủy quyền thì thành phần hồ sơ phải bao gồm văn bản ủy quyền. Văn 
bản ủy quyền phải ghi cụ thể thông tin liên hệ của bên ủy quyền và bên nhận 
ủy quyền; tên tác phẩm, cuộc biểu diễn, bản ghi âm, ghi hình, chương trình phát 
sóng; phạm vi ủy quyền; thời hạn ủy quyền. 
Trường hợp bên ủy quyền và bên được ủy quyền đều là cá nhân thì văn 
bản ủy quyền phải được công chứng, chứng thực theo quy định của pháp luật; 
các trường hợp còn lại, văn bản ủy quyền phải thể hiện việc thỏa thuận thống 
nhất ý chí của các bên.” 
5. Bổ sung khoản 6a vào sau khoản 6: 
“6a. Tờ khai đăng ký quyền tác giả, đăng ký quyền liên quan quy định tại 
điểm a khoản 2 Điều 50 của Luật Sở hữu trí tuệ phải được làm bằng tiếng Việt 
có đầy đủ thông tin về tác giả, chủ sở hữu quyền tác giả hoặc chủ sở hữu quyền 
liên quan; thời gian hoàn thành; tóm tắt nội dung tác phẩm, cuộc biểu diễn, bản 
ghi âm, ghi hình hoặc chương trình phát sóng; tên tác giả, chủ sở hữu quyền tác 
giả, tác phẩm được sử dụng làm tác phẩm phái sinh nếu tác phẩm đăng ký là 
tác phẩm phái sinh; thời gian, địa điểm, hình thức công bố; thông tin về cấp lại, 

CÔNG BÁO/Số 256/Ngày 29-04-2026 
15
 
 
cấp đổi (nếu có); thông tin về người nộp hồ sơ; cam đoan về trách nhiệm đối 
với các thông tin ghi trong tờ khai. Tờ khai đăng ký quyền tác giả, đăng ký 
quyền liên quan theo mẫu được Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch 
quy định, tương ứng với các thủ tục cấp, cấp lại, cấp đổi, hủy bỏ hiệu lực Giấy 
chứng nhận đăng ký quyền tác giả, Giấy chứng nhận đăng ký quyền liên quan.” `;

/** 144/2026/NĐ-CP: more/144-2026-ND-CP.txt, lines 66–87. */
export const POINT_WITHOUT_AS_FOLLOWS = `Điều 2. Sửa đổi, bổ sung điểm b khoản 1 Điều 9 
“b) Doanh thu hàng hóa, dịch vụ và doanh thu hoa hồng đại lý được hưởng 
từ hoạt động đại lý bán hàng hóa, dịch vụ thuộc đối tượng không chịu thuế giá 
trị gia tăng; doanh thu hoa hồng môi giới dịch vụ bảo hiểm thuộc đối tượng 
không chịu thuế giá trị gia tăng.”. 
Điều 3. Sửa đổi, bổ sung một số điểm của khoản 2 Điều 23 
1. Sửa đổi, bổ sung điểm a như sau: 
“a) Tổng doanh thu của hàng hóa, dịch vụ bán ra bao gồm doanh thu của 
hàng hóa, dịch vụ chịu thuế giá trị gia tăng; doanh thu của hàng hóa, dịch vụ 
không chịu thuế giá trị gia tăng; giá trị gia tăng của hoạt động mua, bán, chế 
tác vàng, bạc, đá quý (trừ trường hợp giá trị gia tăng âm (-)) và doanh thu của 
hàng hóa, dịch vụ quy định tại khoản 2 Điều 40 Nghị định này (nếu có).  

CÔNG BÁO/Số 278/Ngày 18-05-2026 
101
 
 
Riêng doanh thu của tổ chức tín dụng, chi nhánh ngân hàng nước ngoài 
được xác định theo quy định của pháp luật về các tổ chức tín dụng; doanh thu 
của hoạt động về chứng khoán và thị trường chứng khoán được xác định theo 
quy định của pháp luật về chứng khoán; doanh thu của hoạt động kinh doanh 
bảo hiểm được xác định theo quy định của pháp luật về kinh doanh bảo hiểm”. `;

/** 155/2026/NĐ-CP: more/155-2026-ND-CP.txt, lines 134–157. */
export const SOME_CLAUSES_OF_ART_10 = `Điều 8. Sửa đổi, bổ sung một số khoản của Điều 10  
1. Sửa đổi, bổ sung khoản 1 
“1. Thủ trưởng cơ quan nơi có người khiếu nại tập trung cử người có trách 
nhiệm hoặc trực tiếp tiếp đại diện của những người khiếu nại tại nơi tiếp công 
dân để nghe trình bày nội dung khiếu nại; xử lý trường hợp những người khiếu 
nại chưa có đơn khiếu nại theo quy định tại khoản 1 Điều 30 Luật Tiếp công dân. 
Trường hợp vụ việc khiếu nại thuộc thẩm quyền thì Thủ trưởng cơ quan 
thụ lý để giải quyết theo quy định của pháp luật; nếu vụ việc khiếu nại không 
thuộc thẩm quyền thì hướng dẫn người khiếu nại đến cơ quan, tổ chức, cá nhân 
có thẩm quyền giải quyết.”. 
2. Sửa đổi, bổ sung một số điểm của khoản 2 
a) Sửa đổi, bổ sung điểm b như sau: 
“b) Khi cần thiết, đề nghị Chủ tịch Ủy ban nhân dân cấp xã nơi xảy ra vụ 
việc khiếu nại tham gia hoặc cử người có trách nhiệm tham gia tiếp đại diện 
của những người khiếu nại;”. 
b) Sửa đổi, bổ sung điểm d như sau: 
“d) Theo dõi, đôn đốc Chủ tịch Ủy ban nhân dân cấp xã trong việc giải 
quyết khiếu nại do Ban tiếp công dân cấp tỉnh chuyển đến.”. 
3. Sửa đổi, bổ sung khoản 3 
“3. Thủ trưởng cơ quan Công an quản lý địa bàn, Giám đốc Công an cấp 
tỉnh có trách nhiệm thực hiện hoặc phối hợp với cơ quan, tổ chức, đơn vị có 
liên quan áp dụng các biện pháp bảo đảm trật tự công cộng tại nơi có nhiều 
người cùng đến khiếu nại về một nội dung; xử lý các hành vi vi phạm theo quy 
định của pháp luật.”. `;

/** 56/2026/TT-BTC: more/56-2026-TT-BTC.txt, lines 40–52. */
export const CLAUSE_OF_ARTICLE = `Điều 1. Sửa đổi, bổ sung khoản 4 của Điều 5 
“4. Người nộp phí, lệ phí nộp tiền phí, lệ phí vào ngân sách nhà nước theo 
hình thức quy định tại khoản 1 Điều 3 Nghị định số 362/2025/NĐ-CP của     
Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-05-29 15:14:06 +07:00

CÔNG BÁO/Số 293/Ngày 31-05-2026 
104
 
 
Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi 
hành Luật Phí và lệ phí.” `;

/** 10/2024/TT-BKHĐT: more/10-2024-TT-BKHDT.txt, lines 55–58. */
export const ART_1_HEADING_10_2024 = `Điều 1. Sửa đổi một số điều của Thông tư số 09/2021/TT-BKHĐT ngày 16 
tháng 11 năm 2021 của Bộ trưởng Bộ Kế hoạch và Đầu tư hướng dẫn lựa 
chọn nhà đầu tư thực hiện dự án đầu tư theo phương thức đối tác công tư và 
dự án đầu tư có sử dụng đất `;

/** 10/2024/TT-BKHĐT: more/10-2024-TT-BKHDT.txt, lines 149–150. */
export const WRAPPED_REPEAL_LIST = `5. Bãi bỏ khoản 3 Điều 9; điểm c khoản 1, điểm c khoản 2 và điểm c khoản 3 
Điều 10; điểm b khoản 1 Điều 20.  `;

/** 25/2026/TT-BTC: more/25-2026-TT-BTC.txt, lines 147–185. */
export const WRAPPED_ARTICLE_HEADING = `Điều 4. Sửa đổi, bổ sung điểm b, điểm c khoản 1 và điểm c khoản 2 
Điều 7 Thông tư số 12/2015/TT-BTC đã được sửa đổi, bổ sung tại khoản 5 
Điều 1 Thông tư số 22/2019/TT-BTC  
1. Sửa đổi, bổ sung điểm b, điểm c khoản 1 như sau: 
“b) Cục trưởng Cục Hải quan quyết định tạm dừng hoạt động đại lý làm thủ 
tục hải quan trong thời hạn tối đa 06 (sáu) tháng đối với các trường hợp quy định 
tại điểm a khoản này theo Mẫu số 06A ban hành kèm Thông tư này. 
Trường hợp Chi cục Hải quan khu vực trong quá trình quản lý hoặc khi 
kiểm tra phát hiện vi phạm quy định tại tiết a.1, tiết a.2 và tiết a.3 điểm a khoản 
này thì báo cáo Cục Hải quan thực hiện việc tạm dừng hoạt động đại lý làm thủ 
tục hải quan theo quy định tại Điều này. 
Trường hợp đại lý làm thủ tục hải quan đề nghị tạm dừng hoạt động thì có 
công văn gửi Cục Hải quan qua hệ thống dịch vụ công trực tuyến theo Mẫu số 
12 ban hành kèm Thông tư này. Trong thời hạn 03 ngày làm việc kể từ ngày 
nhận được văn bản đề nghị của đại lý làm thủ tục hải quan hoặc báo cáo của Chi 
cục Hải quan khu vực, Cục trưởng Cục Hải quan ban hành quyết định tạm dừng 
hoạt động đại lý làm thủ tục hải quan. 
c) Trong thời hạn 06 (sáu) tháng kể từ ngày tạm dừng, nếu đại lý làm thủ 
tục hải quan khắc phục và có công văn đề nghị tiếp tục hoạt động gửi Cục Hải 
quan qua hệ thống dịch vụ công trực tuyến thì trong thời hạn 10 ngày làm việc 
kể từ ngày nhận được đề nghị của doanh nghiệp, Cục trưởng Cục Hải quan tổ 
chức thực hiện kiểm tra, xác minh điều kiện hoạt động đại lý làm thủ tục hải 
quan của doanh nghiệp và ban hành quyết định cho phép đại lý làm thủ tục hải 
quan được tiếp tục hoạt động theo Mẫu 06B ban hành kèm theo Thông tư này 
đối với trường hợp doanh nghiệp đáp ứng đủ điều kiện hoặc có văn bản trả lời 
và nêu rõ lý do nếu không đáp ứng đủ điều kiện theo quy định. Kết quả giải quyết 
thủ tục hành chính được trả qua hệ thống dịch vụ công trực tuyến.” 
2. Sửa đổi, bổ sung điểm c khoản 2 như sau: 
“c) Trường hợp đại lý làm thủ tục hải quan đề nghị chấm dứt hoạt động thì 
có công văn gửi Cục Hải quan qua hệ thống dịch vụ công trực tuyến theo Mẫu 
số 12 ban hành kèm theo Thông tư này. Trong thời hạn 03 ngày làm việc kể từ 
ngày nhận được văn bản đề nghị của đại lý làm thủ tục hải quan, Cục trưởng Cục 

CÔNG BÁO/Số 211/Ngày 13-04-2026 
25
 
 
Hải quan ra quyết định chấm dứt hoạt động đại lý làm thủ tục hải quan và trả kết 
quả qua hệ thống dịch vụ công trực tuyến.” `;

/** 74/2025/NĐ-CP: more/74-2025-ND-CP.txt, lines 30–30. */
export const ART_1_HEADING_74_2025 = `Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 70/2015/NĐ-CP `;

/** 74/2025/NĐ-CP: more/74-2025-ND-CP.txt, lines 309–326. */
export const RENAME_AND_ADD = `8. Sửa đổi tên Điều và bổ sung khoản 4 Điều 9 như sau: 
a) Sửa đổi tên Điều 9 như sau: 
“Điều 9. Quản lý, thu hồi, tạm giữ thẻ bảo hiểm y tế”. 
b) Bổ sung khoản 4 Điều 9 như sau: 
“4. Quản lý thẻ bảo hiểm y tế: 
a) Các đối tượng quy định tại điểm a khoản 1, điểm a và điểm c khoản 3 Điều 2 
Nghị định này, thực hiện như sau: Cơ quan quân y lập sổ đăng ký, theo dõi đối 
tượng đi khám bệnh, chữa bệnh theo quy định; 
b) Các đối tượng còn lại quy định tại khoản 1, khoản 3 Điều 2 Nghị định này 
trừ đối tượng được cử đi học tại các trường ngoài quân đội, thực hiện như sau: Cơ 
quan quân y đơn vị quản lý; nếu đơn vị không có quân y, thủ trưởng đơn vị quản lý 
trực tiếp quy định người quản lý thẻ, khi có nhu cầu khám bệnh, chữa bệnh, đơn vị 
quản lý giao thẻ bảo hiểm y tế cho đối tượng sử dụng. Kết thúc đợt khám bệnh, 
chữa bệnh, đối tượng có trách nhiệm báo cáo kết quả khám bệnh, chữa bệnh và 
nộp lại thẻ bảo hiểm y tế cho đơn vị để quản lý; 
c) Đối với đối tượng quy định tại điểm c khoản 3 và khoản 4 Điều 2 Nghị định 
này thực hiện theo quy định của tỉnh, thành phố trực thuộc Trung ương và bảo 
hiểm xã hội địa phương về quản lý thẻ bảo hiểm y tế.”. `;

/** 74/2025/NĐ-CP: more/74-2025-ND-CP.txt, lines 516–544. */
export const CLAUSES_THEN_VERB = `15. Sửa đổi, bổ sung khoản 1, khoản 4 và bổ sung khoản 6 Điều 19 như sau: 
a) Sửa đổi, bổ sung khoản 1 Điều 19 như sau: 
“1. Các trường hợp thanh toán trực tiếp thực hiện theo quy định tại khoản 2 
Điều 31 của Luật Bảo hiểm y tế và quy định của Chính phủ hoặc chưa được thanh 
toán theo quy định tại Điều 10 và Điều 11 Nghị định này.”. 
b) Sửa đổi, bổ sung khoản 4 Điều 19 như sau: 
“4. Mức thanh toán trực tiếp 
a) Trường hợp khám bệnh, chữa bệnh theo đúng quy định tại Điều 26 và 
Điều 27 của Luật Bảo hiểm y tế tại cơ sở khám bệnh, chữa bệnh có hợp đồng khám 
bệnh, chữa bệnh bảo hiểm y tế: Thanh toán theo phạm vi được hưởng và mức 
hưởng bảo hiểm y tế theo quy định tại Điều 10 và Điều 11 Nghị định này; 
b) Trường hợp người bệnh đến khám bệnh, chữa bệnh tại cơ sở khám bệnh, 
chữa bệnh không có hợp đồng khám bệnh, chữa bệnh bảo hiểm y tế trừ trường hợp 
cấp cứu thực hiện theo quy định của Chính phủ.”. 
c) Bổ sung khoản 6 Điều 19 như sau: 
“6. Trường hợp người bệnh là các đối tượng thuộc Bộ Quốc phòng, Bộ Công 
an quản lý quy định tại Điều 2 Nghị định này điều trị nội trú ở cơ sở khám bệnh, 

 
 
CÔNG BÁO/Số 655 + 656/Ngày 21-4-2025 
31 
 
chữa bệnh không thuộc Bộ Quốc phòng, Bộ Công an quản lý, được đảm bảo 
tiền ăn bệnh lý chênh lệch so với tiền ăn cơ bản bộ binh hoặc tiền ăn cơ bản 
theo quy định của pháp luật về tiêu chuẩn vật chất hậu cần đối với quân nhân, 
công an nhân dân và người làm công tác cơ yếu. Cơ quan, đơn vị quản lý đối 
tượng thanh toán trực tiếp cho người bệnh theo số ngày điều trị thực tế được xác 
nhận tại giấy ra viện.”. `;

/** 148/2026/NĐ-CP: more/148-2026-ND-CP.txt, lines 31–31. */
export const ART_1_HEADING_148_2026 = `Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 72/2015/NĐ-CP `;

/** 148/2026/NĐ-CP: more/148-2026-ND-CP.txt, lines 76–101. */
export const POINT_THEN_VERB = `4. Sửa đổi, bổ sung điểm c và bổ sung điểm g khoản 3 Điều 8 như sau: 
“c) Chương trình, sản phẩm báo chí trên các phương tiện thông tin đại 
chúng, kênh nội dung chính thức, ứng dụng chính thức trên không gian mạng 
của các cơ quan báo chí, đảm bảo tuân thủ các quy định của pháp luật về an 
ninh mạng và an toàn thông tin mạng. 
g) Thông tin đăng tải trên trang thông tin chính thức của các ban, bộ, cơ 
quan ngang bộ, Ủy ban nhân dân cấp tỉnh tuân thủ các quy định của pháp luật 
về an ninh mạng và an toàn thông tin mạng.” 
5. Sửa đổi, bổ sung một số điểm, khoản của Điều 9 như sau: 
a) Sửa đổi, bổ sung khoản 2 như sau: 
“2. Thông tin tình hình thế giới vào Việt Nam do Bộ Ngoại giao, các bộ, 
cơ quan ngang bộ, Cơ quan đại diện Việt Nam ở nước ngoài, các cơ quan tổ 
chức khác của Việt Nam ở nước ngoài, các cơ quan báo chí chủ lực (Thông tấn 
xã Việt Nam, Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam), phù hợp 
với chức năng, nhiệm vụ, quyền hạn theo quy định của pháp luật, thu thập, tổng 
hợp và cung cấp cho cơ quan có thẩm quyền, báo chí và người dân Việt Nam. 

CÔNG BÁO/Số 282/Ngày 23-05-2026 
17
 
 
Các nguồn thông tin được sử dụng để thu thập, tổng hợp thông tin tình hình thế 
giới vào Việt Nam bao gồm: Thông tin từ các nguồn công khai, chính thống 
của nước ngoài; thông tin từ nguồn cơ sở dữ liệu hợp pháp trong và ngoài nước 
cung cấp; thông tin được chia sẻ, trao đổi thông qua cơ chế phối hợp giữa các 
cơ quan có thẩm quyền theo quy định của pháp luật.” `;

/** 148/2026/NĐ-CP: more/148-2026-ND-CP.txt, lines 185–195. */
export const RENAME_ARTICLE_AND_AMEND = `11. Sửa đổi tên Điều và sửa đổi, bổ sung Điều 20 như sau: 
“Điều 20. Bộ Quốc phòng 
1. Chủ trì, phối hợp với Bộ Văn hóa, Thể thao và Du lịch và các cơ quan 
liên quan thực hiện các hoạt động thông tin đối ngoại về quốc phòng. 
2. Đầu tư, nâng cấp trang thiết bị, phương tiện hiện đại, ứng dụng công 
nghệ thông tin cho các đồn biên phòng trên toàn tuyến biên giới để nâng cao 
chất lượng công tác thông tin đối ngoại tại khu vực biên giới. 
3. Phối hợp nắm bắt tình hình, đề xuất chủ trương, biện pháp nhằm giải 
thích, làm rõ các tin giả, tin sai sự thật về Việt Nam trên địa bàn khu vực biên 
giới; tham gia công tác kiểm tra, đánh giá hiệu quả thông tin đối ngoại ở khu 
vực biên giới.” `;

/** 128/2026/NĐ-CP: more/128-2026-ND-CP.txt, lines 33–82. */
export const QUOTED_POINTS_ONE_AFTER_ANOTHER = `Điều 1. Sửa đổi, bổ sung một số điểm, khoản của Điều 9  
1. Sửa đổi, bổ sung điểm c, điểm d, điểm đ khoản 1 Điều 9 như sau: 
“c) Đối với hàng hoá, dịch vụ phục vụ nhiệm vụ quốc phòng, an ninh thực 
hiện đặt hàng, giao nhiệm vụ: Cơ quan, đơn vị, doanh nghiệp, tổ chức được đặt 
hàng, giao nhiệm vụ sản xuất, cung ứng hàng hoá dịch vụ theo quy định của 
Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp có trách 
nhiệm lập phương án giá;”; 
“d) Đối với hàng dự trữ quốc gia thuộc lĩnh vực quốc phòng, an ninh: Đơn 
vị dự trữ quốc gia hoặc đơn vị được giao trực tiếp quản lý hàng dự trữ quốc gia 
hoặc tổ chức được giao nhiệm vụ bán hàng dự trữ quốc gia lập phương án giá 
trong trường hợp bán hàng dự trữ quốc gia;”; 
Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-04-22 16:22:05 +07:00

CÔNG BÁO/Số 242/Ngày 22-04-2026 
5
 
 
“đ) Đối với hàng hóa, dịch vụ do một cấp định giá khác ngoài các hàng 
hóa, dịch vụ quy định tại điểm a, điểm b, điểm c, điểm d khoản này: Cơ quan 
có thẩm quyền định giá hoặc cơ quan, đơn vị được phân cấp định giá trong 
trường hợp được cơ quan có thẩm quyền định giá phân cấp tổ chức việc lựa 
chọn, yêu cầu cơ quan, đơn vị, tổ chức, cá nhân kinh doanh, cung ứng hàng 
hóa, dịch vụ lập phương án giá. Việc lựa chọn tổ chức, cá nhân kinh doanh, 
cung ứng hàng hóa, dịch vụ thực hiện theo quy định tại khoản 3 Điều này”. 
2. Sửa đổi, bổ sung điểm b, điểm c, điểm d khoản 2 Điều 9 như sau: 
“b) Đối với hàng dự trữ quốc gia mua theo hình thức chỉ định thầu trừ 
hàng dự trữ quốc gia thuộc lĩnh vực quốc phòng, an ninh: Nhà thầu được nhận 
hồ sơ yêu cầu trong trường hợp chỉ định thầu thông thường hoặc nhà thầu được 
chủ đầu tư dự kiến có khả năng thực hiện gói thầu trong trường hợp chỉ định 
thầu rút gọn theo quy định của pháp luật về đấu thầu lập phương án giá. Đối 
với hàng dự trữ quốc gia mua theo phương thức mua trực tiếp rộng rãi của mọi 
đối tượng: Chi cục Dự trữ Nhà nước khu vực lập phương án giá;”; 
“c) Đối với hàng dự trữ quốc gia bán theo phương thức bán chỉ định hoặc 
bán trực tiếp rộng rãi cho mọi đối tượng trừ hàng dự trữ quốc gia thuộc lĩnh 
vực quốc phòng, an ninh: Đơn vị dự trữ quốc gia hoặc đơn vị được giao trực 
tiếp quản lý hàng dự trữ quốc gia hoặc tổ chức được giao nhiệm vụ bán hàng 
dự trữ quốc gia hoặc đơn vị thực hiện dự trữ quốc gia khác lập phương án giá. 
Trong đó, trường hợp hàng dự trữ quốc gia do Bộ Tài chính quản lý, Chi cục 
Dự trữ Nhà nước khu vực lập phương án giá;”; 
“d) Đối với dịch vụ thuê chuyên cơ, chuyên khoang chính thức có tính đến 
yếu tố tàu bay dự bị, sử dụng ngân sách nhà nước và các hàng hóa, dịch vụ do 
hai cấp định giá khác ngoài các hàng hóa, dịch vụ quy định tại điểm a, điểm b, 
điểm c khoản này: Cơ quan có thẩm quyền định giá cụ thể tổ chức việc lựa 
chọn, yêu cầu cơ quan, đơn vị, tổ chức, cá nhân kinh doanh, cung ứng hàng 
hóa, dịch vụ lập phương án giá; việc lựa chọn tổ chức, cá nhân kinh doanh, 
cung ứng hàng hóa, dịch vụ thực hiện theo quy định tại khoản 3 Điều này.”. 
3. Bổ sung cụm từ “, cung ứng” sau cụm từ “tổ chức, cá nhân kinh doanh” 
tại điểm a khoản 1, khoản 3 và khoản 6 Điều 9. `;

/** 95/2025/TT-BTC: more/95-2025-TT-BTC.txt, lines 70–70. */
export const ART_1_HEADING_95_2025 = `Điều 1. Sửa đổi, bổ sung một số Điều của Thông tư số 44/2022/TT-BTC `;

/** 95/2025/TT-BTC: more/95-2025-TT-BTC.txt, lines 113–158. */
export const DASH_ITEMS = `3. Sửa đổi, bổ sung một số khoản của Điều 7 như sau: 
a) Sửa đổi, bổ sung khoản 1 Điều 7 như sau: 
“1. Chi phí quản lý để thực hiện các hoạt động nghiệp vụ về quản lý đối tượng, 
hồ sơ, quản lý tài chính, kế toán và tổ chức thực hiện chi trả. 
Mức chi phí quản lý bằng 1,7% tổng kinh phí thực hiện các chính sách ưu đãi 
người có công với cách mạng (trừ kinh phí hỗ trợ các cơ sở nuôi dưỡng, điều 
dưỡng người có công với cách mạng và chi công tác mộ liệt sĩ, nghĩa trang liệt sĩ), 
được bố trí trong dự toán kinh phí thực hiện chính sách ưu đãi người có công với 
cách mạng hàng năm của các tỉnh, thành phố trực thuộc trung ương. Bộ trưởng Bộ 
Nội vụ đề xuất phân bổ tỷ lệ chi phí quản lý cùng với phương án đề xuất phân bổ 
kinh phí thực hiện chính sách, chế độ ưu đãi người có công với cách mạng gửi Bộ 
Tài chính, bảo đảm chi phí quản lý phù hợp với đặc thù của từng địa phương và 
trong phạm vi dự toán được giao cho công tác quản lý của toàn ngành. Hội đồng 
nhân dân cấp tỉnh quy định tỷ lệ chi phí quản lý tùy theo điều kiện địa bàn và thực 
tế số lượng đối tượng người có công với cách mạng của từng địa phương, bảo đảm 
trong phạm vi dự toán được giao cho công tác quản lý của địa phương.” 
b) Sửa đổi, bổ sung một số điểm của khoản 2 Điều 7 như sau: 
- Sửa đổi điểm đ như sau: 
“đ) Chi phí chuyển tiền cho người thụ hưởng chính sách, cho cơ quan dịch vụ 
chi trả, chi phí làm thẻ ATM cho người thụ hưởng có yêu cầu thanh toán qua ngân 

 
 
     CÔNG BÁO/Số 1683 + 1684/Ngày 14-12-2025  
 
38 
 
hàng và chi phí duy trì tài khoản ngân hàng của người thụ hưởng, phí rút tiền mặt 
tại quầy, phí rút tiền mặt qua cây ATM; chi phí vận chuyển tiền mặt; chi phí thuê 
địa điểm chi trả, lực lượng bảo vệ, nước uống cho người thụ hưởng tại các điểm 
chi trả: Mức chi theo hóa đơn, chứng từ, hợp đồng (trong trường hợp thuê dịch vụ) 
và trong phạm vi dự toán được giao;”. 
- Sửa đổi điểm e như sau: 
“e) Chi trả thù lao cho người trực tiếp chi trả trợ cấp đến người thụ hưởng (đối 
với trường hợp cơ quan được cấp có thẩm quyền giao thực hiện chi trả): Mức chi 
trả thù lao cho người trực tiếp chi trả trợ cấp do Hội đồng nhân dân cấp tỉnh quy 
định tùy theo điều kiện địa bàn và thực tế số lượng đối tượng người có công với 
cách mạng của từng địa phương”. 
- Sửa đổi gạch đầu dòng thứ nhất của điểm g như sau: 
“- Mức chi phí chi trả cho tổ chức dịch vụ chi trả được xác định theo tỷ lệ phần 
trăm (%) trên tổng số tiền chi trả chế độ trợ cấp, phụ cấp cho người thụ hưởng do 
Hội đồng nhân dân cấp tỉnh quy định tùy theo điều kiện địa bàn và thực tế số 
lượng đối tượng người có công với cách mạng của từng địa phương”. 
- Sửa đổi điểm h như sau: 
“h) Chi xét duyệt, thẩm định, điều chỉnh hồ sơ người có công: Mức hỗ trợ 
60.000 đồng/hồ sơ.”. `;

/** 06/2021/TT-BLĐTBXH: more/06-2021-TT-BLDTBXH.txt, lines 48–48. */
export const ART_1_HEADING_06_2021 = `Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 59/2015/TT-BLĐTBXH `;

/** 06/2021/TT-BLĐTBXH: more/06-2021-TT-BLDTBXH.txt, lines 52–56. */
export const END_OF_CLAUSE = `1. Bổ sung vào cuối khoản 1 Điều 2 như sau: 
“Người hoạt động không chuyên trách ở xã, phường, thị trấn đồng thời là 
người giao kết hợp đồng lao động quy định tại điểm a và điểm b khoản 1 Điều 2 
của Luật Bảo hiểm xã hội thì tham gia bảo hiểm xã hội bắt buộc theo đối tượng 
quy định tại điểm a và điểm b khoản 1 Điều 2 của Luật Bảo hiểm xã hội.” `;

/** 06/2021/TT-BLĐTBXH: more/06-2021-TT-BLDTBXH.txt, lines 173–183. */
export const FIRST_PARAGRAPH = `6. Sửa đổi khổ thứ nhất khoản 3 Điều 10 như sau: 
“3. Trường hợp lao động nữ mang thai đôi trở lên mà khi sinh nếu có con bị 
chết hoặc chết lưu thì thời gian hưởng, trợ cấp thai sản khi sinh con và trợ cấp một 
lần khi sinh con được tính theo số con được sinh ra, bao gồm cả con bị chết hoặc 
chết lưu.” 

 
 
CÔNG BÁO/Số 681 + 682/Ngày 28-7-2021 
23 
 `;

/** 45/2026/TT-BTC: more/45-2026-TT-BTC.txt, lines 38–151. */
export const UNCLOSED_QUOTE = `Điều 1. Bổ sung Điều 3a vào sau Điều 3 
“Điều 3a. Xác định giá trị của tài sản 
1. Giá trị của tài sản quy định tại điểm d khoản 1 Điều 4 Nghị định số 
63/2019/NĐ-CP ngày 11 tháng 7 năm 2019 của Chính phủ quy định xử phạt vi 
phạm hành chính trong lĩnh vực quản lý tài sản công; thực hành tiết kiệm, chống 
lãng phí; dự trữ quốc gia; kho bạc nhà nước được sửa đổi, bổ sung bởi Nghị định 
số 102/2021/NĐ-CP ngày 16 tháng 11 năm 2021 của Chính phủ và Nghị định số 
55/2026/NĐ-CP ngày 09 tháng 02 năm 2026 của Chính phủ (sau đây gọi tắt là 
Nghị định số 63/2019/NĐ-CP) được xác định như sau: 
Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-05-18 08:23:49 +07:00

CÔNG BÁO/Số 279/Ngày 18-05-2026 
104
 
 
a) Giá trị còn lại của tài sản theo sổ kế toán. Trường hợp giá trị còn lại của 
tài sản bằng không (=0) thì giá trị của tài sản được tính bằng 20% nguyên giá của 
tài sản.  
b) Trường hợp tài sản chưa được theo dõi, ghi sổ kế toán thì căn cứ vào 
nguồn gốc của tài sản và hồ sơ, chứng từ có liên quan (nếu có) để xác định giá trị 
còn lại của tài sản theo quy định của pháp luật về chế độ quản lý, tính hao mòn, 
khấu hao áp dụng đối với tài sản đó. 
c) Đối với tài sản không đủ tiêu chuẩn là tài sản cố định thì việc xác định 
giá trị của tài sản được thực hiện tương tự như việc xác định giá trị còn lại của tài 
sản cùng loại quy định tại điểm a, điểm b khoản này. 
2. Trường hợp không thể áp dụng quy định tại khoản 1 Điều này làm căn 
cứ xác định giá trị của tài sản thì người có thẩm quyền xử phạt vi phạm hành chính 
trong lĩnh vực quản lý tài sản công đang giải quyết vụ việc quyết định thành lập 
Hội đồng định giá để xác định giá trị của tài sản. Thành phần của Hội đồng thực 
hiện theo quy định tại khoản 3 Điều 60 của Luật Xử lý vi phạm hành chính.  
3. Nguyên tắc hoạt động của Hội đồng định giá quy định tại khoản 2 Điều 
này như sau: 
a) Tùy theo tính chất, đặc điểm, thực trạng của tài sản cần định giá, Hội 
đồng định giá thực hiện khảo sát giá, thu thập thông tin liên quan đến tài sản cần 
định giá bằng ít nhất một trong các hình thức sau: Khảo sát giá thị trường theo giá 
bán buôn, giá bán lẻ của tài sản cùng loại hoặc tài sản tương tự; nghiên cứu giá 
tài sản do các cơ quan nhà nước có thẩm quyền quy định, quyết định đã được áp 
dụng tại địa phương; tham khảo giá do doanh nghiệp thẩm định giá cung cấp, giá 
trong tài liệu, hồ sơ kèm theo tài sản cần định giá, các nguồn thông tin khác về giá 
trị của tài sản cần định giá. 
b) Hội đồng làm việc theo nguyên tắc tập thể. Phiên họp để định giá tài sản 
chỉ được tiến hành khi có mặt từ 2/3 số lượng thành viên của Hội đồng trở lên 
tham dự; trường hợp Hội đồng chỉ có 03 thành viên thì phiên họp phải có mặt đủ 
03 thành viên. Chủ tịch Hội đồng điều hành phiên họp để định giá tài sản. Trước 
khi tiến hành phiên họp, những thành viên vắng mặt phải có văn bản gửi tới Chủ 
tịch Hội đồng nêu rõ lý do vắng mặt; có ý kiến về các vấn đề liên quan đến giá trị 
tài sản. 
Hội đồng kết luận về giá trị tài sản theo ý kiến đa số bao gồm ý kiến biểu 
quyết, thông qua của thành viên Hội đồng có mặt tại phiên họp và ý kiến bằng 
văn bản của thành viên vắng mặt. Trong trường hợp có ý kiến ngang nhau thì bên 
có biểu quyết của Chủ tịch Hội đồng là ý kiến quyết định. Thành viên của Hội 
đồng có quyền bảo lưu ý kiến của mình nếu không đồng ý với kết luận về giá trị 
của tài sản do Hội đồng quyết định; ý kiến bảo lưu đó được ghi vào Biên bản định 
giá tài sản. 

CÔNG BÁO/Số 279/Ngày 18-05-2026 
105
 
 
c) Hội đồng phải lập Biên bản về việc định giá tài sản, phản ánh đầy đủ và 
trung thực toàn bộ quá trình định giá tài sản. Biên bản phải được lưu trong hồ sơ 
định giá tài sản. 
Nội dung chính của Biên bản định giá tài sản gồm: Họ, tên Chủ tịch Hội đồng 
và các thành viên của Hội đồng; họ, tên những người tham dự phiên họp định giá tài 
sản (nếu có); thời gian, địa điểm tiến hành việc định giá tài sản; kết quả khảo sát giá, 
thu thập thông tin liên quan đến tài sản cần định giá; ý kiến của các thành viên của 
Hội đồng; ý kiến của những người tham dự phiên họp định giá tài sản (nếu có); kết 
quả biểu quyết của Hội đồng; thời gian, địa điểm hoàn thành việc định giá tài sản; 
chữ ký của Chủ tịch Hội đồng và các thành viên của Hội đồng. 
d) Hội đồng định giá chấm dứt hoạt động sau khi hoàn thành nhiệm vụ quy 
định tại Quyết định thành lập Hội đồng. Các trường hợp phát sinh sau khi Hội 
đồng chấm dứt hoạt động sẽ do cơ quan của người có thẩm quyền thành lập Hội 
đồng chủ trì xử lý. 
4. Người có thẩm quyền xử phạt vi phạm hành chính trong lĩnh vực quản 
lý tài sản công đang giải quyết vụ việc có trách nhiệm xác định giá trị của tài sản 
quy định tại khoản 1 Điều này. Cá nhân, tổ chức vi phạm hành chính có trách 
nhiệm phối hợp với Hội đồng định giá quy định tại khoản 2 Điều này để xác định 
giá trị của tài sản. 
5. Việc tính giá trị còn lại của tài sản để xác định giá trị vượt quy định tại 
điểm a khoản 7 Điều 8 Nghị định số 63/2019/NĐ-CP trong trường hợp chưa có 
quy định của pháp luật về chế độ quản lý, tính hao mòn, khấu hao áp dụng đối với 
tài sản đó được thực hiện theo quy định tại các khoản 2, 3 và 4 Điều này. 
Điều 2. Thay thế, bãi bỏ một số cụm từ, bãi bỏ một số khoản 
1. Thay thế cụm từ “lĩnh vực quản lý, sử dụng tài sản công” bằng cụm từ 
“lĩnh vực quản lý tài sản công” tại tên Thông tư, tên Chương II và tại Điều 1, Điều 
2, Điều 3. 
2. Thay thế cụm từ “Tổ chức chính trị - xã hội” bằng cụm từ “Mặt trận Tổ 
quốc Việt Nam (bao gồm cả tổ chức chính trị - xã hội và các hội quần chúng được 
Đảng, Nhà nước giao nhiệm vụ trực thuộc Mặt trận Tổ quốc Việt Nam)” tại điểm 
đ khoản 1 Điều 2, tên Điều 6, khoản 1 Điều 6. 
3. Thay thế cụm từ “khoản 3 Điều 6 Nghị định số 63/2019/NĐ-CP” bằng 
cụm từ “khoản 1 Điều 6 Nghị định số 63/2019/NĐ-CP” tại khoản 3 Điều 4. 
4. Thay thế cụm từ “khoản 2 Điều 8 Nghị định số 63/2019/NĐ-CP” bằng 
cụm từ “khoản 4 Điều 8 Nghị định số 63/2019/NĐ-CP” tại khoản 1 Điều 6. 
5. Thay thế cụm từ “Nghị định số 29/2018/NĐ-CP ngày 05 tháng 3 năm 
2018 của Chính phủ quy định trình tự, thủ tục xác lập quyền sở hữu toàn dân về 
tài sản và xử lý đối với tài sản được xác lập quyền sở hữu toàn dân” bằng cụm từ 
“Nghị định số 77/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy 
định thẩm quyền, thủ tục xác lập quyền sở hữu toàn dân về tài sản và xử lý đối 
với tài sản được xác lập quyền sở hữu toàn dân được sửa đổi, bổ sung một số điều 

CÔNG BÁO/Số 279/Ngày 18-05-2026 
106
 
 
bởi Nghị định số 286/2025/NĐ-CP ngày 03 tháng 11 năm 2025 của Chính phủ 
sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực quản lý, sử dụng 
tài sản công” tại khoản 1 Điều 10. 
6. Bãi bỏ cụm từ “đầu tư,” tại tên Điều 4, khoản 3 Điều 4. 
7. Bãi bỏ cụm từ “cơ quan của tổ chính trị - xã hội” tại khoản 1 Điều 6. 
8. Bãi bỏ khoản 1, khoản 2 Điều 4, khoản 1 Điều 5, khoản 1, khoản 2 Điều 
8, khoản 2 Điều 9.  `;

/** 21/2023/TT-BKHĐT: more/21-2023-TT-BKHDT.txt, lines 38–38. */
export const ART_1_HEADING_21_2023 = `Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 08/2019/TT-BKHĐT `;

/** 21/2023/TT-BKHĐT: more/21-2023-TT-BKHDT.txt, lines 74–140. */
export const APPENDIX_PARTS = `4. Sửa đổi, bổ sung nội dung lưu ý mục 2 và tiểu mục 3.1 mục 3 Phụ lục I như sau:  
a) Sửa đổi, bổ sung nội dung lưu ý mục 2 Phụ lục I như sau: 
“Lưu ý: Quy mô dân số vùng là dân số trung bình, trước thời điểm lập quy 
hoạch, theo Niên giám Thống kê (do Tổng cục Thống kê phát hành) gần nhất; đơn 
vị tính dân số vùng là nghìn người (1.000 người); đơn vị tính diện tích vùng là km2; 
đơn vị tính tổng sản phẩm là tỷ đồng”. 

 
12 
CÔNG BÁO/Số 123 + 124/Ngày 21-01-2024 
  
b) Sửa đổi, bổ sung nội dung lưu ý tiểu mục 3.1 mục 3 Phụ lục I như sau: 
“Lưu ý: Quy mô dân số tỉnh là dân số trung bình, trước thời điểm lập quy 
hoạch, theo Niên giám Thống kê (do Tổng cục Thống kê phát hành) gần nhất; đơn 
vị tính dân số tỉnh là nghìn người (1.000 người); đơn vị tính diện tích tỉnh là km2; 
đơn vị tính tổng sản phẩm là tỷ đồng”. 
5. Bổ sung tiểu mục e mục 5 phần B và sửa đổi, bổ sung tiểu mục e mục 12 
phần B Phụ lục III như sau: 
a) Bổ sung tiểu mục e mục 5 phần B như sau: 
“e. Xác định những vấn đề trọng tâm cần giải quyết và các khâu đột phá của 
quốc gia trong thời kỳ quy hoạch; mức chuyên gia: CG1, CG2, CG3; ngày công 
quy đổi: 250.”. 
b) Sửa đổi, bổ sung tiểu mục e mục 12 phần B như sau: 
“e. Phân bố và tổ chức không gian cơ sở giáo dục nghề nghiệp”. 
6. Bổ sung nội dung ghi chú Phụ lục VI-1.7 như sau: 
“Ghi chú: Định mức Quy hoạch phòng, chống thiên tai và thủy lợi tại Thông 
tư này không bao gồm công tác khảo sát kỹ thuật (địa hình, thủy văn, địa chất, chất 
lượng nước); không bao gồm nội dung tính toán các mô hình (mô hình toán, mô 
hình vật lý) liên quan đến thủy văn, thủy lực, cân bằng nước nhằm phục vụ tính 
toán, đề xuất giải pháp quy hoạch. Các công tác này được xác định theo khối lượng 
công việc và định mức chuyên ngành tương ứng”. 
7. Sửa đổi, bổ sung điểm a.1 tiểu mục a mục 2 phần A, tiểu mục b mục 9 
phần B và bổ sung tiểu mục e mục 10 phần B Phụ lục VII như sau: 
a) Sửa đổi, bổ sung điểm a.1 tiểu mục a mục 2 phần A như sau: 
Điều chỉnh ngày công quy đổi là 02 ngày công. 
b) Sửa đổi, bổ sung tiểu mục b mục 9 phần B như sau: 
Điều chỉnh ngày công quy đổi là 256 ngày công. 
c) Bổ sung tiểu mục e mục 10 phần B Phụ lục VII như sau: 
“e. Phương hướng phát triển hệ thống đê điều, kết cấu hạ tầng phòng, chống 
thiên tai trên lãnh thổ vùng; mức chuyên gia: CG2, CG3, CG4; ngày công quy đổi: 
97 ngày công”. 

 
 
CÔNG BÁO/Số 123 + 124/Ngày 21-01-2024 
13 
 
8. Sửa đổi, bổ sung điểm a.1 tiểu mục a mục 2; bổ sung CG3 vào mục 3 và 
CG2 vào mục 4, phần A; bổ sung tiểu mục h, i mục 7 phần B Phụ lục VIII như sau: 
a) Sửa đổi, bổ sung điểm a.1 tiểu mục a mục 2 phần A như sau: 
Điều chỉnh ngày công quy đổi là 02 ngày công. 
b) Bổ sung CG3 vào mục 3 và CG2 vào mục 4 phần A. 
c) Bổ sung tiểu mục h, i mục 7 phần B như sau: 
“h. Phương án phát triển hạ tầng phòng cháy, chữa cháy, mức chuyên gia: 
CG1, CG2, CG3, ngày công quy đổi: 75; 
i. Phương án sắp xếp ĐVHC cấp huyện, cấp xã trong kỳ quy hoạch”; mức 
chuyên gia: CG1, CG2, CG3; ngày công quy đổi: 75.” 
9. Sửa đổi tên mục 19 Phụ lục III, mục 12 Phụ lục IV, mục 8 Phụ lục V, mục 13 
Phụ lục VI-1.1, mục 12 Phụ lục VI-1.2, mục 13 Phụ lục VI-1.3, mục 13 Phụ lục 
VI-1.4, mục 12 Phụ lục VI-1.5, mục 13 Phụ lục VI-1.6, mục 10 Phụ lục VI-1.7, 
mục 12 Phụ lục VI-1.8, mục 10 Phụ lục VI-1.9, mục 12 Phụ lục VI-1.10, mục 10 
Phụ lục VI-2, mục 11 Phụ lục VI-4.1, mục 10 Phụ lục VI-4.2, mục 11 phần B Phụ 
lục VI-4.3, mục 8 Phụ lục VI-4.5, mục 8 Phụ lục VI-4.6, mục 9 Phụ lục 4.7, mục 8 
Phụ lục VI-4.8, mục 8 Phụ lục VI-5, mục 8 Phụ lục VI-6 như sau: 
“Xây dựng hệ thống sơ đồ, bản đồ số và sơ đồ, bản đồ in”. 
10. Sửa đổi tên mục 10 Phụ lục VI-4.4 như sau: 
“Sơ đồ, bản đồ số và sơ đồ, bản đồ in tỷ lệ 1:50.000 - 1:500.000”. `;

/** 17/2026/TT-NHNN: more/17-2026-TT-NHNN.txt, lines 223–235. */
export const WRAPPED_PLACE_NUMBER = `Điều 7. Thay thế cụm từ, Phụ lục 

CÔNG BÁO/Số 312/Ngày 07-06-2026 
51
 
 
1. Thay thế cụm từ “Ngân hàng Nhà nước (Cục Quản lý Ngoại hối)” bằng 
cụm từ “Ngân hàng Nhà nước (Cục Quản lý ngoại hối) và Ngân hàng Nhà nước 
chi nhánh Khu vực nơi bên cho vay đặt trụ sở chính” tại khoản 1 Điều 18.  
2. Thay thế cụm từ “Ngân hàng Nhà nước (Cục Quản lý Ngoại hối)” bằng 
cụm từ “Ngân hàng Nhà nước (Cục Quản lý ngoại hối) và Ngân hàng Nhà nước 
chi nhánh Khu vực nơi bên bảo lãnh đặt trụ sở chính” tại khoản 1, khoản 2 Điều 
19. `;

/** 17/2026/TT-NHNN: more/17-2026-TT-NHNN.txt, lines 283–287. */
export const PREAMBLE_PLACE = `Điều 10. Thay thế một số cụm từ 
1. Thay thế cụm từ “Vụ Quản lý ngoại hối” bằng cụm từ “Cục Quản lý 
ngoại hối” tại phần căn cứ ban hành, Điều 29, Điều 31, Điều 38.  
2. Thay thế cụm từ “Vụ trưởng” bằng cụm từ “Cục trưởng” tại phần căn 
cứ ban hành, Điều 38. `;

/** 134/2026/NĐ-CP: more/134-2026-ND-CP.txt, lines 950–950. */
export const ART_34_HEADING_134_2026 = `Điều 34. Bổ sung, thay thế từ, cụm từ tại một số điều, phụ lục `;

/** 06/2024/TT-BLĐTBXH: more/06-2024-TT-BLDTBXH.txt, lines 215–220. */
export const HEADING_LINE_IN_TEXT = `8. Sửa đổi Điều 8 như sau: 
“Điều 8. Mức tiền lương cơ bản khi hạng công ty hoặc chức vụ thay đổi 
Khi hạng công ty thay đổi hoặc người quản lý, Kiểm soát viên chuyên trách 
thay đổi chức vụ, chức danh thì mức tiền lương cơ bản của người quản lý, Kiểm 
soát viên được tính theo hạng công ty hoặc chức vụ, chức danh mới, không bảo lưu 
mức tiền lương cơ bản theo hạng hoặc chức vụ, chức danh cũ.” `;

/** 06/2024/TT-BLĐTBXH: more/06-2024-TT-BLDTBXH.txt, lines 174–175. */
export const RENAME_THANH = `5. Sửa đổi tên Điều 6 thành: 
“Điều 6. Xếp hạng công ty để xác định mức tiền lương cơ bản” `;

/** 05/2022/QH15: more/05-2022-QH15.txt, lines 395–398. */
export const WHOLE_LAW_CONTAINER = `Điều 48. Sửa đổi, bổ sung Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 72/2020/QH14 và Luật số 03/2022/QH15
Sửa đổi, bổ sung mục 192 thuộc Phụ lục IV - Danh mục ngành, nghề đầu tư kinh doanh có điều kiện ban hành kèm theo Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 72/2020/QH14 và Luật số 03/2022/QH15 như sau:
192
Kinh doanh dịch   vụ phổ biến phim`;

/** 1521/QĐ-UBND (Bắc Ninh): more/1521-QD-UBND-BacNinh.txt, lines 101–118. */
export const DECISION_ARTICLES = `**QUYẾT ĐỊNH:**
**Điều 1**.
Công bố chuẩn hóa danh mục thủ tục hành chính đặc thù thực
hiện trên địa bàn tỉnh Bắc Ninh, cụ thể:
Phụ lục 1: Danh mục thủ tục
hành chính đặc thù được chuẩn hóa thực hiện trên địa bàn tỉnh Bắc Ninh.
Phụ lục 2: Danh mục thủ tục hành
chính đặc thù trên địa bàn tỉnh Bắc Ninh bị bãi bỏ.
Phụ lục 3: Nội dung thủ tục
hành chính được công bố tại Quyết định này.
*(Chi
tiết theo Phụ lục đính kèm)*
**Điều 2**.
Quyết định này có hiệu lực kể từ ngày ký.
**Điều 3**.
Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh; UBND các
xã, phường và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi
hành Quyết định này./.`;

/** 03/2025/TT-BLĐTBXH: more/03-2025-TT-BLDTBXH.txt, lines 81–86. */
export const PAGE_NUMBER_BEFORE_HEAD = `e: Sai số cho phép 

 
40                             CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025 
 
- Khi tính cỡ mẫu cho toàn ngành thì sai số e cho phép không quá 10%. `;

/** 28/2022/TT-BLĐTBXH: more/28-2022-TT-BLDTBXH.txt, lines 51–69. */
export const REVERSED_QUOTE = `Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 06/2017/TT-BLĐTBXH 
ngày 08 tháng 3 năm 2017 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội 
quy định về tuyển dụng, sử dụng, bồi dưỡng đối với nhà giáo giáo dục nghề nghiệp 
1. Sửa đổi, bổ sung Điều 1 như sau: 
‟Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng 
1. Thông tư này quy định về tuyển dụng đối với nhà giáo giáo dục nghề nghiệp 
trong các cơ sở giáo dục nghề nghiệp công lập; sử dụng, bồi dưỡng chuẩn hóa, bồi 
dưỡng nâng cao đối với nhà giáo giáo dục nghề nghiệp trong các cơ sở giáo dục 
nghề nghiệp, cơ sở hoạt động giáo dục nghề nghiệp, trung tâm giáo dục nghề 
nghiệp - giáo dục thường xuyên. 
2. Thông tư này áp dụng đối với nhà giáo giáo dục nghề nghiệp trong các cơ 
sở giáo dục nghề nghiệp, cơ sở hoạt động giáo dục nghề nghiệp, trung tâm giáo 
dục nghề nghiệp - giáo dục thường xuyên; cơ quan, tổ chức và cá nhân khác có 
liên quan. 
3. Thông tư này không áp dụng đối với nhà giáo giảng dạy nhóm ngành đào 
tạo giáo viên thuộc thẩm quyền quản lý nhà nước của Bộ Giáo dục và Đào tạo. 
Không áp dụng các quy định về tuyển dụng, sử dụng tại Thông tư này đối với nhà 
giáo giảng dạy ở các trường cao đẳng, trường trung cấp thuộc thẩm quyền quản lý 
nhà nước của Bộ Công an, Bộ Quốc phòng.” `;

/** 134/2026/NĐ-CP: more/134-2026-ND-CP.txt, lines 1024–1026. */
export const PLACE_ARTICLE_WRAPPED_LINES = `21. Thay thế cụm từ “Cục Hải quan tỉnh, thành phố và Tổng cục Hải quan” 
bằng cụm từ “Chi cục Hải quan khu vực và Cục Hải quan” tại điểm d khoản 4 
Điều 89. `;

/** 06/2024/TT-BLĐTBXH: more/06-2024-TT-BLDTBXH.txt, lines 135–135. */
export const ART_2_HEADING_06_2024 = `Điều 2. Sửa đổi, bổ sung một số điều của Thông tư số 27/2016/TT-BLĐTBXH  `;
