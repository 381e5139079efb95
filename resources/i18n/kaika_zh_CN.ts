<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Dormant members</source>
        <translation>休眠会员</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation>从未购买</translation>
    </message>
    <message>
        <source>Last purchase (days ago)</source>
        <translation>最近消费（天前）</translation>
    </message>
    <message>
        <source>Key, light and never-bought members</source>
        <translation>重点、偶尔购买与从未购买会员</translation>
    </message>
    <message>
        <source>Orders in the last year</source>
        <translation>近一年订单数</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Categories bought</source>
        <translation>购买品类数</translation>
    </message>
    <message>
        <source>Revenue from the top 20 % of buyers</source>
        <translation>前 20% 顾客贡献的销售额</translation>
    </message>
    <message>
        <source>{percent} of members&apos; revenue in the last year came from the top {top} of {buyers} buyers ({part} of {whole}).</source>
        <translation>近一年会员销售额的 {percent} 来自 {buyers} 位购买会员中的前 {top} 位（{whole} 中的 {part}）。</translation>
    </message>
    <message>
        <source>≤ {days}</source>
        <translation>≤ {days}</translation>
    </message>
    <message>
        <source>&gt; {days} or never</source>
        <translation>&gt; {days} 或从未</translation>
    </message>
    <message>
        <source>Birthdays in the next</source>
        <translation>未来</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Finding birthdays</source>
        <translation>正在查找生日会员</translation>
    </message>
    <message>
        <source>No purchase for more than</source>
        <translation>超过</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>最近消费</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Issue to every member listed</source>
        <translation>发给列表中的每位会员</translation>
    </message>
    <message>
        <source>Finding dormant members</source>
        <translation>正在查找沉睡会员</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} 位会员</translation>
    </message>
    <message>
        <source>{count} members; the {shown} longest without a purchase are listed</source>
        <translation>{count} 位会员；列出其中最久未购买的 {shown} 位</translation>
    </message>
    <message>
        <source>Issue one {coupon} to each of the {count} members with no purchase for more than {days} days?</source>
        <translation>向超过 {days} 天未消费的 {count} 位会员每人发放一张 {coupon}？</translation>
    </message>
    <message>
        <source>Coupons for dormant members</source>
        <translation>休眠会员发券</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Issuing coupons to dormant members</source>
        <translation>正在向沉睡会员发券</translation>
    </message>
    <message>
        <source>{count} coupons issued.</source>
        <translation>已发放 {count} 张优惠券。</translation>
    </message>
    <message>
        <source>Analysing the members</source>
        <translation>正在分析会员</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <source>Membership application</source>
        <translation>会员申请</translation>
    </message>
    <message>
        <source>Open this member</source>
        <translation>打开该会员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Monthly income</source>
        <translation>月收入</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Heard of us</source>
        <translation>了解渠道</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Marketing messages</source>
        <translation>营销信息</translation>
    </message>
    <message>
        <source>Alliance partners</source>
        <translation>联盟商户</translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation>隐私政策</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>under ￥3,000</source>
        <translation>￥3,000以下</translation>
    </message>
    <message>
        <source>over ￥20,000</source>
        <translation>￥20,000以上</translation>
    </message>
    <message>
        <source>In the store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>海报</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>A member told them</source>
        <translation>老会员推荐</translation>
    </message>
    <message>
        <source>Partner shop</source>
        <translation>联盟商家</translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS and WeChat</source>
        <translation>同意通过短信和微信接收优惠信息</translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation>同意联盟商户识别（仅见隐去的姓名、等级）</translation>
    </message>
    <message>
        <source>Has read and accepts the privacy policy</source>
        <translation>已阅读并接受隐私政策</translation>
    </message>
    <message>
        <source>11 digits, e.g. 13800138000</source>
        <translation>11位数字，如 13800138000</translation>
    </message>
    <message>
        <source>1990-03-08, or 03-08 without the year</source>
        <translation>1990-03-08，或不含年份 03-08</translation>
    </message>
    <message>
        <source>18 characters; optional</source>
        <translation>18位，可不填</translation>
    </message>
    <message>
        <source>card number or mobile of the member who sent them</source>
        <translation>推荐会员的卡号或手机号</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Issue a card now</source>
        <translation>立即发卡</translation>
    </message>
    <message>
        <source>Form as PDF</source>
        <translation>申请表存为PDF</translation>
    </message>
    <message>
        <source>Print form on receipt printer</source>
        <translation>小票机打印申请表</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新申请表</translation>
    </message>
    <message>
        <source>Sign-up gift: {gift}</source>
        <translation>入会礼：{gift}</translation>
    </message>
    <message>
        <source>no card</source>
        <translation>未发卡</translation>
    </message>
    <message>
        <source>This mobile already belongs to {name} ({mobile}), tier {tier}, {points} points, card {card}. Open that member instead of signing them up twice.</source>
        <translation>该手机号已属于会员 {name}（{mobile}），等级 {tier}，积分 {points}，卡号 {card}。请打开该会员，不要重复入会。</translation>
    </message>
    <message>
        <source>The mobile belongs to a member already: F3 opens them.</source>
        <translation>该手机号已是会员：按 F3 打开该会员。</translation>
    </message>
    <message>
        <source>Not saved. Check: {fields}. Everything typed is kept.</source>
        <translation>未保存。请检查：{fields}。已填写的内容均保留。</translation>
    </message>
    <message>
        <source>{name} is now a member ({tier}).</source>
        <translation>{name} 已成为会员（{tier}）。</translation>
    </message>
    <message>
        <source>Sign-up coupon {codes} is in their account.</source>
        <translation>入会优惠券 {codes} 已发放到会员账户。</translation>
    </message>
    <message>
        <source>F5 issues a card; F6/F7 print the form for signature.</source>
        <translation>按 F5 发卡；按 F6/F7 打印申请表供会员签名。</translation>
    </message>
    <message>
        <source>Save the form as PDF</source>
        <translation>将申请表存为PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be written to {path} ({reason}). Choose another folder.</source>
        <translation>PDF 无法写入 {path}（{reason}）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The form is saved as {path}. Print it for the member to sign.</source>
        <translation>申请表已保存为 {path}。请打印后交会员签名。</translation>
    </message>
    <message>
        <source>The form is printing: ask the member to sign it.</source>
        <translation>申请表正在打印：请会员签名。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Enter Show</source>
        <translation>回车 查询</translation>
    </message>
    <message>
        <source>Newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>较早</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验链</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件（*.csv）</translation>
    </message>
    <message>
        <source>Exporting the audit trail</source>
        <translation>正在导出操作日志</translation>
    </message>
    <message>
        <source>Could not write {file}: {why}</source>
        <translation>无法写入 {file}：{why}</translation>
    </message>
    <message>
        <source>{count} entries written to {file}</source>
        <translation>已将 {count} 条记录写入 {file}</translation>
    </message>
    <message>
        <source>Checking the audit chain</source>
        <translation>正在校验操作日志链</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>Cards</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Swipe the card, or type a mobile or card number</source>
        <translation>刷卡，或输入手机号或卡号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发卡时间</translation>
    </message>
    <message>
        <source>New card: encode stripe</source>
        <translation>发新卡：写磁条</translation>
    </message>
    <message>
        <source>New card: print QR slip</source>
        <translation>发新卡：打印二维码卡</translation>
    </message>
    <message>
        <source>Link pre-printed card</source>
        <translation>绑定预印卡</translation>
    </message>
    <message>
        <source>Encode again</source>
        <translation>重新写卡</translation>
    </message>
    <message>
        <source>Report lost</source>
        <translation>挂失</translation>
    </message>
    <message>
        <source>Replace card</source>
        <translation>补卡</translation>
    </message>
    <message>
        <source>Close card</source>
        <translation>注销卡</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No member chosen</source>
        <translation>未选择会员</translation>
    </message>
    <message>
        <source>Swipe the member&apos;s card, scan their QR code, or type their mobile or card number above.</source>
        <translation>请刷会员卡、扫描会员二维码，或在上方输入手机号或卡号。</translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation>等级：{tier}</translation>
    </message>
    <message>
        <source>Points: {points}</source>
        <translation>积分：{points}</translation>
    </message>
    <message>
        <source>Stored value: {amount}</source>
        <translation>储值：{amount}</translation>
    </message>
    <message>
        <source>Coupons: {count}</source>
        <translation>优惠券：{count} 张</translation>
    </message>
    <message>
        <source>Membership: {status}</source>
        <translation>会员状态：{status}</translation>
    </message>
    <message>
        <source>Card {number} is issued; its slip is printing.</source>
        <translation>卡号 {number} 已发卡，卡凭条正在打印。</translation>
    </message>
    <message>
        <source>Card {number} is issued, but there is no printer for its slip.</source>
        <translation>卡号 {number} 已发卡，但没有打印机可打印卡凭条。</translation>
    </message>
    <message>
        <source>Card {number}: swipe the card through the encoder once more to check it.</source>
        <translation>卡号 {number}：请在写卡器上再刷一次，以校验写入内容。</translation>
    </message>
    <message>
        <source>Card {number}: swipe the blank card through the encoder now.</source>
        <translation>卡号 {number}：请现在将空白卡在写卡器上刷过。</translation>
    </message>
    <message>
        <source>Card {number} is written and checked. Hand it to the member.</source>
        <translation>卡号 {number} 已写入并校验通过，请交给会员。</translation>
    </message>
    <message>
        <source>The card number is kept: F4 encodes it again, F6 prints a QR slip instead.</source>
        <translation>卡号已保留：按 F4 重新写卡，或按 F6 改为打印二维码卡。</translation>
    </message>
    <message>
        <source>Swipe the pre-printed card now, or type its 13-digit number and press Enter. Esc cancels.</source>
        <translation>请刷预印卡，或输入13位卡号后按回车。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Card {number} now belongs to this member.</source>
        <translation>卡号 {number} 已绑定到该会员。</translation>
    </message>
    <message>
        <source>Block card {number} now? It is refused everywhere at once; points and stored value stay with the member.</source>
        <translation>立即挂失卡号 {number}？挂失后该卡在各处立即停用；积分和储值仍归会员所有。</translation>
    </message>
    <message>
        <source>Give the member a new card for {number}? Points, stored value, coupons and tier move to it and the old card stops working.</source>
        <translation>为 {number} 补办新卡？积分、储值、优惠券和等级将转到新卡，旧卡随即失效。</translation>
    </message>
    <message>
        <source>Close card {number} for good?</source>
        <translation>确定永久注销卡号 {number}？</translation>
    </message>
    <message>
        <source>Card {number} is now {state}.</source>
        <translation>卡号 {number} 现为{state}。</translation>
    </message>
    <message>
        <source>New card {number} replaces the old one.</source>
        <translation>新卡 {number} 已替换旧卡。</translation>
    </message>
    <message>
        <source>New card numbers left at this till: {left}</source>
        <translation>本机剩余新卡号：{left} 个</translation>
    </message>
    <message>
        <source>The next new card will be number {number}. Card encoder: {state}.</source>
        <translation>下一张新卡卡号为 {number}。写卡器：{state}。</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>magnetic stripe</source>
        <translation>磁条卡</translation>
    </message>
    <message>
        <source>QR / barcode</source>
        <translation>二维码/条码卡</translation>
    </message>
    <message>
        <source>pre-printed</source>
        <translation>预印卡</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>reported lost</source>
        <translation>已挂失</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已补卡</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Enter {action}</source>
        <translation>回车 {action}</translation>
    </message>
</context>
<context>
    <name>DateBar</name>
    <message>
        <source>Business date</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Day after</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>Swipe 张三&apos;s card</source>
        <translation>刷张三的会员卡</translation>
    </message>
    <message>
        <source>Swipe 李四&apos;s card</source>
        <translation>刷李四的会员卡</translation>
    </message>
    <message>
        <source>Show 张三&apos;s phone QR</source>
        <translation>出示张三的手机动态码</translation>
    </message>
    <message>
        <source>Scan 羊毛外套</source>
        <translation>扫描 羊毛外套</translation>
    </message>
    <message>
        <source>Scan 丝巾</source>
        <translation>扫描 丝巾</translation>
    </message>
    <message>
        <source>Swipe a bank card</source>
        <translation>刷一张银行卡</translation>
    </message>
    <message>
        <source>Printer: paper out / in</source>
        <translation>打印机：缺纸 / 装纸</translation>
    </message>
    <message>
        <source>What the printer printed</source>
        <translation>打印机打出的内容</translation>
    </message>
    <message>
        <source>Last receipt, as the printer received it</source>
        <translation>最后一张小票（打印机收到的内容）</translation>
    </message>
    <message>
        <source>Demo devices</source>
        <translation>演示设备</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Find devices</source>
        <translation>查找设备</translation>
    </message>
    <message>
        <source>a port, e.g. /dev/ttyUSB0 or COM3</source>
        <translation>端口，例如 /dev/ttyUSB0 或 COM3</translation>
    </message>
    <message>
        <source>Add port</source>
        <translation>添加端口</translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50:9100</source>
        <translation>网络打印机，例如 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation>添加打印机</translation>
    </message>
    <message>
        <source>Devices of this till</source>
        <translation>本收银台的设备</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>{mm} mm</source>
        <translation>{mm} 毫米</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <source>Code page for Chinese text</source>
        <translation>中文编码（代码页）</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>On the printer, pin {pin}</source>
        <translation>接打印机，{pin} 号针脚</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>刷卡器</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>客显</translation>
    </message>
    <message>
        <source>Card encoder</source>
        <translation>写卡器</translation>
    </message>
    <message>
        <source>Read a scan</source>
        <translation>试扫一次</translation>
    </message>
    <message>
        <source>Read a swipe</source>
        <translation>试刷一次</translation>
    </message>
    <message>
        <source>Show a line</source>
        <translation>显示一行</translation>
    </message>
    <message>
        <source>Check status</source>
        <translation>检查状态</translation>
    </message>
    <message>
        <source>Keyboard scanner or card reader</source>
        <translation>键盘模式的扫码枪或刷卡器</translation>
    </message>
    <message>
        <source>click here, then scan a code or swipe a card</source>
        <translation>点击此处，然后扫码或刷卡</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>{baud} baud</source>
        <translation>{baud} 波特</translation>
    </message>
    <message>
        <source>Saved in {file}</source>
        <translation>保存在 {file}</translation>
    </message>
    <message>
        <source>Looking for devices</source>
        <translation>正在查找设备</translation>
    </message>
    <message>
        <source>Type the port first, e.g. /dev/ttyUSB0 or COM3.</source>
        <translation>请先输入端口，例如 /dev/ttyUSB0 或 COM3。</translation>
    </message>
    <message>
        <source>Opening the port</source>
        <translation>正在打开端口</translation>
    </message>
    <message>
        <source>Port {port} added: choose it for a device.</source>
        <translation>已添加端口 {port}：请为设备选择它。</translation>
    </message>
    <message>
        <source>Printer {address} chosen: print a test page.</source>
        <translation>已选择打印机 {address}：请打印测试页。</translation>
    </message>
    <message>
        <source>Printing a test page</source>
        <translation>正在打印测试页</translation>
    </message>
    <message>
        <source>Opening the drawer</source>
        <translation>正在打开钱箱</translation>
    </message>
    <message>
        <source>Waiting for a scan</source>
        <translation>正在等待扫码</translation>
    </message>
    <message>
        <source>Waiting for a swipe</source>
        <translation>正在等待刷卡</translation>
    </message>
    <message>
        <source>Showing a line on the customer display</source>
        <translation>正在客显上显示一行</translation>
    </message>
    <message>
        <source>Asking the card encoder</source>
        <translation>正在询问写卡器</translation>
    </message>
    <message>
        <source>Saved in {file}. The till uses these devices from its next start.</source>
        <translation>已保存在 {file}。收银台下次启动时使用这些设备。</translation>
    </message>
    <message>
        <source>Saved in {file}, but the till could not switch to them now ({reason}); they take effect at its next start.</source>
        <translation>已保存在 {file}，但收银台现在无法切换到这些设备（{reason}）；将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Saved in {file}. The till uses these devices now.</source>
        <translation>已保存在 {file}。收银台现在起使用这些设备。</translation>
    </message>
</context>
<context>
    <name>DrawPage</name>
    <message>
        <source>F5 Spin the wheel</source>
        <translation>F5 开始抽奖</translation>
    </message>
    <message>
        <source>F8 New draw…</source>
        <translation>F8 新建抽奖…</translation>
    </message>
    <message>
        <source>Prizes and stock left at this store</source>
        <translation>奖品及本店剩余库存</translation>
    </message>
    <message>
        <source>Prize</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>已发</translation>
    </message>
    <message>
        <source>Stock allotted by head office (managers)</source>
        <translation>总部下发奖品库存（店长）</translation>
    </message>
    <message>
        <source>Add to stock</source>
        <translation>增加库存</translation>
    </message>
    <message>
        <source>No lucky draw is running today.</source>
        <translation>今天没有进行中的抽奖活动。</translation>
    </message>
    <message>
        <source>Find the member: swipe the card, scan the QR or type the mobile.</source>
        <translation>请先找到会员：刷卡、扫码或输入手机号。</translation>
    </message>
    <message>
        <source>{free} free spin(s) left today, then {cost} points a spin.</source>
        <translation>今日还有 {free} 次免费抽奖，之后每次 {cost} 积分。</translation>
    </message>
    <message>
        <source>No free spin left today: a spin costs {cost} points ({points} points on the card).</source>
        <translation>今日免费次数已用完：每次抽奖 {cost} 积分（卡内积分 {points}）。</translation>
    </message>
    <message>
        <source>Thanks for playing</source>
        <translation>谢谢参与</translation>
    </message>
    <message>
        <source>All given</source>
        <translation>已抽完</translation>
    </message>
    <message>
        <source>Good luck!</source>
        <translation>祝您好运！</translation>
    </message>
    <message>
        <source>Thanks for playing — better luck next time!</source>
        <translation>谢谢参与 — 下次好运！</translation>
    </message>
    <message>
        <source>Congratulations! {prize}</source>
        <translation>恭喜中奖！{prize}</translation>
    </message>
    <message>
        <source>Record prize stock allotted by head office</source>
        <translation>登记总部下发的奖品库存</translation>
    </message>
    <message>
        <source>{prize}: {left} left to give.</source>
        <translation>{prize}：剩余 {left} 份。</translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved and running.</source>
        <translation>抽奖活动 {name} 已保存，现已开始。</translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved; it starts on {day}.</source>
        <translation>抽奖活动 {name} 已保存，将于 {day} 开始。</translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved.</source>
        <translation>抽奖活动 {name} 已保存。</translation>
    </message>
</context>
<context>
    <name>DrawSetupDialog</name>
    <message>
        <source>Prize</source>
        <translation>奖品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Points / coupon</source>
        <translation>积分 / 优惠券</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Stock here</source>
        <translation>本店库存</translation>
    </message>
    <message>
        <source>Chance</source>
        <translation>中奖率</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Thanks for playing</source>
        <translation>谢谢参与</translation>
    </message>
    <message>
        <source>New lucky draw</source>
        <translation>新建抽奖活动</translation>
    </message>
    <message>
        <source>e.g. SPRING-2025</source>
        <translation>如 SPRING-2025</translation>
    </message>
    <message>
        <source>as members will see it</source>
        <translation>会员看到的名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To (last day)</source>
        <translation>结束日期（含当天）</translation>
    </message>
    <message>
        <source>Free spins a day</source>
        <translation>每天免费次数</translation>
    </message>
    <message>
        <source>Points a paid spin</source>
        <translation>每次抽奖所需积分</translation>
    </message>
    <message>
        <source>Tiers may add free spins of their own (Rules page). Each prize row is a slice of the wheel: the weight sets how often it comes up, the stock how many this store can give.</source>
        <translation>会员等级可另加免费次数（见“规则”页）。每行奖品是转盘上的一格：权重决定抽中的频率，库存决定本店能送出多少份。</translation>
    </message>
    <message>
        <source>Add prize</source>
        <translation>添加奖品</translation>
    </message>
    <message>
        <source>Remove prize</source>
        <translation>删除奖品</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save draw</source>
        <translation>保存抽奖</translation>
    </message>
    <message>
        <source>Nothing was saved. Prize row {row}, {column}: {reason}</source>
        <translation>未保存。奖品第 {row} 行“{column}”：{reason}</translation>
    </message>
    <message>
        <source>Nothing was saved. {reason}</source>
        <translation>未保存。{reason}</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Invitation list</source>
        <translation>邀请名单</translation>
    </message>
    <message>
        <source>Points ≥ </source>
        <translation>积分 ≥ </translation>
    </message>
    <message>
        <source>Agreed to marketing</source>
        <translation>同意接收营销信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>F7 Export to CSV…</source>
        <translation>F7 导出 CSV…</translation>
    </message>
    <message>
        <source>Check-in at the door</source>
        <translation>现场签到</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Members&apos; evening {date}</source>
        <translation>会员尊享会 {date}</translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation>所有等级</translation>
    </message>
    <message>
        <source>Any birthday month</source>
        <translation>所有生日月份</translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation>{month}月生日</translation>
    </message>
    <message>
        <source>Finding the members invited</source>
        <translation>正在查找受邀会员</translation>
    </message>
    <message>
        <source>{count} member(s) invited by this rule.</source>
        <translation>按此条件邀请 {count} 位会员。</translation>
    </message>
    <message>
        <source>No member meets this rule. Lower the points or choose another tier or month.</source>
        <translation>没有会员符合此条件。请降低积分或选择其他等级、月份。</translation>
    </message>
    <message>
        <source>Export the invitation list</source>
        <translation>导出邀请名单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{count} member(s) saved to {path}.</source>
        <translation>已将 {count} 位会员保存到 {path}。</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>欢迎光临，{name}！</translation>
    </message>
    <message>
        <source>A {amount} welcome coupon is on the card.</source>
        <translation>{amount} 到场礼券已发放到卡上。</translation>
    </message>
    <message>
        <source>Checked in today: {count}</source>
        <translation>今日已签到：{count}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>add the code typed; with nothing typed: pay</source>
        <translation>加入输入的编码；未输入时：收款</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>clear what was typed; close a dialog</source>
        <translation>清除输入；关闭对话框</translation>
    </message>
    <message>
        <source>↑ ↓</source>
        <translation>↑ ↓</translation>
    </message>
    <message>
        <source>choose a line or a search result</source>
        <translation>选择商品行或搜索结果</translation>
    </message>
    <message>
        <source>Scan / swipe</source>
        <translation>扫码 / 刷卡</translation>
    </message>
    <message>
        <source>items, member cards and QR codes, coupons, receipts (return) — at any time</source>
        <translation>商品、会员卡和二维码、优惠券、小票（退货）——随时可用</translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation>Esc 关闭</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Mobile *</source>
        <translation>手机 *</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Income band</source>
        <translation>收入水平</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>同意营销信息</translation>
    </message>
    <message>
        <source>Privacy accepted</source>
        <translation>同意隐私政策</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Points balance</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <source>Stored value (principal)</source>
        <translation>储值本金</translation>
    </message>
    <message>
        <source>Stored value (bonus)</source>
        <translation>储值赠送</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>入会日期</translation>
    </message>
    <message>
        <source>Key members (buy often)</source>
        <translation>重点会员（经常购买）</translation>
    </message>
    <message>
        <source>Light members (buy now and then)</source>
        <translation>普通会员（偶尔购买）</translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation>从未购买（僵尸会员）</translation>
    </message>
    <message>
        <source>Active (bought in 90 days)</source>
        <translation>活跃会员（90 天内有购买）</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡会员</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失会员</translation>
    </message>
    <message>
        <source>Top 20 % by spending</source>
        <translation>消费前 20% 的会员</translation>
    </message>
    <message>
        <source>Birthdays coming up</source>
        <translation>近期生日会员</translation>
    </message>
    <message>
        <source>Import members with their points and stored value from an old system&apos;s CSV or XLSX file. Opening balances are money the store owes, so only a manager may import. 1. Choose the file  2. Check the columns  3. Dry run  4. Import.</source>
        <translation>从旧系统导出的 CSV 或 XLSX 文件导入会员及其积分和储值余额。期初余额是门店欠会员的钱，所以只有店长可以导入。1. 选择文件  2. 核对列  3. 试导入  4. 导入。</translation>
    </message>
    <message>
        <source>The file&apos;s first rows</source>
        <translation>文件前几行</translation>
    </message>
    <message>
        <source>Bad rows found by the dry run</source>
        <translation>试导入发现的错误行</translation>
    </message>
    <message>
        <source>Choose the old system&apos;s file (F2) to begin.</source>
        <translation>请先选择旧系统的文件 (F2)。</translation>
    </message>
    <message>
        <source>F2 Choose file…</source>
        <translation>F2 选择文件…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Columns (* needed)</source>
        <translation>列对应（* 为必填）</translation>
    </message>
    <message>
        <source>F5 Dry run</source>
        <translation>F5 试导入</translation>
    </message>
    <message>
        <source>Leave the bad rows out and import the good ones</source>
        <translation>跳过错误行，只导入正确的行</translation>
    </message>
    <message>
        <source>F9 Import</source>
        <translation>F9 导入</translation>
    </message>
    <message>
        <source>Export a segment for messaging (CSV)</source>
        <translation>导出会员分组用于发消息 (CSV)</translation>
    </message>
    <message>
        <source>Only members who agreed to marketing</source>
        <translation>仅限同意接收营销信息的会员</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Choose the old system&apos;s file</source>
        <translation>选择旧系统的文件</translation>
    </message>
    <message>
        <source>Member lists (*.csv *.xlsx *.xlsm)</source>
        <translation>会员名单 (*.csv *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Reading {file}</source>
        <translation>正在读取 {file}</translation>
    </message>
    <message>
        <source>{file}: {rows} rows</source>
        <translation>{file}：{rows} 行</translation>
    </message>
    <message>
        <source>Check the columns, then run the dry run (F5).</source>
        <translation>请核对各列，然后试导入 (F5)。</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message>
        <source>Checking the file (dry run)</source>
        <translation>正在检查文件（试导入）</translation>
    </message>
    <message>
        <source>All {good} rows are good. Import (F9) adds them in one go.</source>
        <translation>全部 {good} 行正确。按导入 (F9) 一次全部导入。</translation>
    </message>
    <message>
        <source>{good} rows are good and {bad} rows are bad. Correct the file and run the dry run again, or tick the box to import only the good rows: the bad rows are then left out and nothing of them is written.</source>
        <translation>{good} 行正确，{bad} 行有错。请改正文件后重新试导入，或勾选上面的选项只导入正确的行：错误行将被跳过，不写入任何内容。</translation>
    </message>
    <message>
        <source>Importing members</source>
        <translation>正在导入会员</translation>
    </message>
    <message>
        <source>Imported {count} members with {points} points and {wallet} stored value ({bonus} of it bonus). {bad} bad rows were left out.</source>
        <translation>已导入 {count} 名会员，积分 {points}，储值 {wallet}（其中赠送 {bonus}）。跳过错误行 {bad} 行。</translation>
    </message>
    <message>
        <source>Members imported.</source>
        <translation>会员已导入。</translation>
    </message>
    <message>
        <source>Export the segment</source>
        <translation>导出会员分组</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the segment</source>
        <translation>正在导出会员分组</translation>
    </message>
    <message>
        <source>{count} members written to {path}.</source>
        <translation>已将 {count} 名会员写入 {path}。</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter Log in</source>
        <translation>回车 登录</translation>
    </message>
    <message>
        <source>Type your staff number and PIN.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <source>Locked. {name}, type your PIN to carry on; a manager can unlock too.</source>
        <translation>已锁屏。{name}，输入密码继续；店长也可以解锁。</translation>
    </message>
    <message>
        <source>Enter Unlock</source>
        <translation>回车 解锁</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Name, pinyin initials (zs), mobile or its last 4 digits, card number — Enter</source>
        <translation>姓名、拼音首字母(zs)、手机号或尾号4位、卡号 — 回车</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>F5 Print</source>
        <translation>F5 打印</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>存为 PDF</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>存为 CSV</translation>
    </message>
    <message>
        <source>F4 Edit profile</source>
        <translation>F4 修改资料</translation>
    </message>
    <message>
        <source>No member matches “{text}”.</source>
        <translation>没有与“{text}”相符的会员。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>The statement is printing.</source>
        <translation>对账单正在打印。</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>保存对账单</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>The profile is saved.</source>
        <translation>会员资料已保存。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kaika till — {store}</source>
        <translation>开卡收银 — {store}</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>{name} ({number})</source>
        <translation>{name}（{number}）</translation>
    </message>
    <message>
        <source>{name} ({number}) · shift of {date}</source>
        <translation>{name}（{number}）· 班次 {date}</translation>
    </message>
    <message>
        <source>Log in first, then scan.</source>
        <translation>请先登录再扫码。</translation>
    </message>
    <message>
        <source>This window does not take a scan or a card: finish or close it first.</source>
        <translation>此窗口不接受扫码或刷卡：请先完成或关闭它。</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>小票已打印。</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <source>Manager&apos;s staff number</source>
        <translation>店长工号</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>店长密码</translation>
    </message>
</context>
<context>
    <name>MemberFinder</name>
    <message>
        <source>Swipe the card, scan the member QR, or type the mobile or card number</source>
        <translation>刷卡、扫会员码，或输入手机号/卡号</translation>
    </message>
    <message>
        <source>Enter Find</source>
        <translation>回车 查找</translation>
    </message>
    <message>
        <source>No member yet — swipe, scan or type above</source>
        <translation>尚未找到会员 — 请在上方刷卡、扫码或输入</translation>
    </message>
</context>
<context>
    <name>MemberPanelWidget</name>
    <message>
        <source>No member — swipe or scan the card, or F4</source>
        <translation>未识别会员 — 刷卡或扫码，或按 F4</translation>
    </message>
    <message>
        <source>card</source>
        <translation>已出示会员卡</translation>
    </message>
    <message>
        <source>card number typed, not shown: stored value needs the PIN</source>
        <translation>手输卡号，未出示会员卡：储值支付需会员密码</translation>
    </message>
    <message>
        <source>no card shown</source>
        <translation>未出示会员卡</translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation>等级：{tier}</translation>
    </message>
    <message>
        <source>Points: {points}</source>
        <translation>积分：{points}</translation>
    </message>
    <message>
        <source>Stored value: {amount}</source>
        <translation>储值余额：{amount}</translation>
    </message>
    <message>
        <source>Birthday today — wish them a happy birthday!</source>
        <translation>今天是会员生日 — 祝他生日快乐！</translation>
    </message>
    <message>
        <source>Alliance member of {issuer}: {name}</source>
        <translation>{issuer}的联盟会员：{name}</translation>
    </message>
    <message>
        <source>Tier at {issuer}: {tier}</source>
        <translation>{issuer}等级：{tier}</translation>
    </message>
    <message>
        <source>Stored value: not accepted here (only at {issuer})</source>
        <translation>储值：本店不可用（仅限{issuer}使用）</translation>
    </message>
    <message>
        <source>No partner discount</source>
        <translation>无联盟折扣</translation>
    </message>
    <message>
        <source>regular</source>
        <translation>正价</translation>
    </message>
    <message>
        <source>new arrivals</source>
        <translation>新品</translation>
    </message>
    <message>
        <source>no-points goods</source>
        <translation>不积分商品</translation>
    </message>
    <message>
        <source>Partner discount: {rates}</source>
        <translation>联盟折扣：{rates}</translation>
    </message>
    <message>
        <source>Earns {points} {issuer} points per yuan</source>
        <translation>每元积{points}分（{issuer}积分）</translation>
    </message>
    <message>
        <source>{issuer} points pay {value} each</source>
        <translation>{issuer}积分每分抵{value}</translation>
    </message>
    <message>
        <source>{points} points expire by {date}</source>
        <translation>{points} 积分将于 {date} 前过期</translation>
    </message>
    <message>
        <source>Coupons: none</source>
        <translation>优惠券：无</translation>
    </message>
    <message>
        <source>Coupons (touch one, or F5 and its last four):</source>
        <translation>优惠券（点一张，或按 F5 输入后四位）：</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>（另有 %n 张）</numerusform>
        </translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>{value} from {spend}</source>
        <translation>满 {spend} 减 {value}</translation>
    </message>
</context>
<context>
    <name>Numpad</name>
    <message>
        <source>C</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>OfficeScreen</name>
    <message>
        <source>{name} ({number})</source>
        <translation>{name}（{number}）</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银</translation>
    </message>
    <message>
        <source>Close drawer</source>
        <translation>交班（钱箱）</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>This page does not take a card or a code.</source>
        <translation>本页面不接受刷卡或扫码。</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Saving the sale</source>
        <translation>正在保存这笔销售</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>待收</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Mobile wallet</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Slip / transaction no.</source>
        <translation>签购单 / 交易号</translation>
    </message>
    <message>
        <source>Esc Back to sale</source>
        <translation>Esc 返回销售</translation>
    </message>
    <message>
        <source>F7 Remove payment</source>
        <translation>F7 删除付款</translation>
    </message>
    <message>
        <source>Enter Add</source>
        <translation>回车 添加</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Member&apos;s PIN</source>
        <translation>会员支付密码</translation>
    </message>
    <message>
        <source>Paying {amount} from stored value: the member types their PIN.</source>
        <translation>储值支付 {amount}：请会员输入支付密码。</translation>
    </message>
    <message>
        <source>Alliance member of {issuer}: stored value is not accepted here</source>
        <translation>{issuer}的联盟会员：本店不收储值</translation>
    </message>
    <message>
        <source>{issuer} points pay {value} each</source>
        <translation>{issuer}积分每分抵{value}</translation>
    </message>
    <message>
        <source>given {given}, change {change}</source>
        <translation>实收 {given}，找零 {change}</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 积分</translation>
    </message>
    <message>
        <source>No member: stored value and points need the member&apos;s card.</source>
        <translation>未识别会员：储值和积分需要会员卡。</translation>
    </message>
    <message>
        <source>Member: {points} points, stored value {wallet}</source>
        <translation>会员：积分 {points}，储值 {wallet}</translation>
    </message>
    <message>
        <source>this sale earns {points} points</source>
        <translation>本单可得 {points} 积分</translation>
    </message>
</context>
<context>
    <name>PinBox</name>
    <message>
        <source>Payment PIN</source>
        <translation>支付密码</translation>
    </message>
    <message>
        <source>F6 Set payment PIN…</source>
        <translation>F6 设置支付密码…</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>请先选择会员。</translation>
    </message>
    <message>
        <source>The new payment PIN is saved. From now on only this PIN pays from stored value; today&apos;s lock, if any, is lifted.</source>
        <translation>新支付密码已保存。今后储值支付只认此密码；如今日已锁定，现已解锁。</translation>
    </message>
    <message>
        <source>The new payment PIN is saved.</source>
        <translation>新支付密码已保存。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Set payment PIN</source>
        <translation>设置支付密码</translation>
    </message>
    <message>
        <source>New stored-value payment PIN for {name}</source>
        <translation>为 {name} 设置新的储值支付密码</translation>
    </message>
    <message>
        <source>The member types six digits, not one digit repeated nor a run like 123456. Please look away while they type.</source>
        <translation>请会员输入六位数字，不能全部相同，也不能是 123456 这样的连续数字。会员输入时请回避。</translation>
    </message>
    <message>
        <source>New PIN (6 digits)</source>
        <translation>新密码（6 位数字）</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Enter Save PIN</source>
        <translation>回车 保存密码</translation>
    </message>
</context>
<context>
    <name>PinState</name>
    <message>
        <source>Stored value is locked today: the PIN was wrong {tries} times. A new PIN lifts the lock.</source>
        <translation>今日储值支付已锁定：支付密码已输错 {tries} 次。设置新密码即可解锁。</translation>
    </message>
    <message>
        <source>The member&apos;s own PIN, set on {date}.</source>
        <translation>会员已自设支付密码，设置于 {date}。</translation>
    </message>
    <message>
        <source>No PIN of their own yet: the last six digits of the registered mobile pay.</source>
        <translation>会员尚未自设支付密码：目前以注册手机号后六位支付。</translation>
    </message>
    <message>
        <source>Wrong tries today: {wrong} of {most}.</source>
        <translation>今日已输错：{wrong} / {most} 次。</translation>
    </message>
</context>
<context>
    <name>PointsReportPage</name>
    <message>
        <source>Reading the daily points report</source>
        <translation>正在读取每日积分报表</translation>
    </message>
    <message>
        <source>Check: opening plus the day&apos;s movements equals closing — OK. Closing points are worth {cash}.</source>
        <translation>核对：期初加当日变动等于期末——平衡。期末积分价值 {cash}。</translation>
    </message>
    <message>
        <source>Check: the movements do not add up to the closing figure — {points} points differ. Run kaika verify and call support.</source>
        <translation>核对：当日变动与期末积分不符——相差 {points} 积分。请运行 kaika verify 并联系技术支持。</translation>
    </message>
</context>
<context>
    <name>PrizeTable</name>
    <message>
        <source>points, e.g. 200</source>
        <translation>积分数，如 200</translation>
    </message>
    <message>
        <source>template code</source>
        <translation>优惠券模板编号</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>ProblemTable</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>错误原因</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit {name}&apos;s profile</source>
        <translation>修改 {name} 的资料</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Birthday (1990-03-08 or 03-08)</source>
        <translation>生日（1990-03-08 或 03-08）</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Agrees to marketing messages</source>
        <translation>同意接收营销信息</translation>
    </message>
    <message>
        <source>Agrees to alliance partners</source>
        <translation>同意联盟商户识别</translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation>同意联盟商户识别（仅见隐去的姓名、等级）</translation>
    </message>
    <message>
        <source>Esc Cancel</source>
        <translation>Esc 取消</translation>
    </message>
    <message>
        <source>Enter Save</source>
        <translation>回车 保存</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the fields marked in red.</source>
        <translation>未保存。请改正标红的项目。</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source>This window does not take a scan: type the value.</source>
        <translation>此窗口不接受扫码：请手动输入。</translation>
    </message>
    <message>
        <source>This window does not take a card.</source>
        <translation>此窗口不接受刷卡。</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Sales on hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Choose a sale and press Enter.</source>
        <translation>选择一笔挂单后按回车。</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>挂单时间</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Member · {items}</source>
        <translation>会员 · {items}</translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Enter Recall</source>
        <translation>回车 取单</translation>
    </message>
</context>
<context>
    <name>ReceiptDesk</name>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢惠顾</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>保存 CSV</translation>
    </message>
    <message>
        <source>The report is on its way to the receipt printer.</source>
        <translation>报表正在发送到小票打印机。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Void sale (manager)</source>
        <translation>整单作废（店长）</translation>
    </message>
    <message>
        <source>No receipt (manager)</source>
        <translation>无小票退货（店长）</translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode or type its number; then scan each item that comes back, or choose a line with ↑ ↓ and type how many (or + −).</source>
        <translation>扫描小票条码或输入单号；再逐件扫描退回的商品，或用 ↑ ↓ 选行后输入数量（或按 + −）。</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>小票单号</translation>
    </message>
    <message>
        <source>Item barcode or SKU</source>
        <translation>商品条码或货号</translation>
    </message>
    <message>
        <source>No receipt: scan each item, then F10 for a manager&apos;s approval. Each is refunded at most the lowest price paid for it in the last {days} days.</source>
        <translation>无小票退货：逐件扫描商品，再按 F10 请店长授权。每件最多退还近 {days} 天内该商品的最低成交价。</translation>
    </message>
    <message>
        <source>Refund per unit</source>
        <translation>每件退款</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Void the whole sale {receipt}: {reason}</source>
        <translation>整单作废 {receipt}：{reason}</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Why is the sale voided? (written to the audit trail)</source>
        <translation>作废原因？（将记入审计日志）</translation>
    </message>
    <message>
        <source>Receipt {receipt} of {time}, total {total}</source>
        <translation>小票 {receipt}，{time}，合计 {total}</translation>
    </message>
    <message>
        <source>{amount} typed by the manager</source>
        <translation>店长录入 {amount}</translation>
    </message>
    <message>
        <source>{amount} paid ({receipt})</source>
        <translation>成交价 {amount}（{receipt}）</translation>
    </message>
    <message>
        <source>no sale lately: amount needed</source>
        <translation>近期无成交：需录入金额</translation>
    </message>
    <message>
        <source>Refund without a sale</source>
        <translation>无成交记录的退款</translation>
    </message>
    <message>
        <source>No sale of {name} in the last {days} days. The manager types the refund for one unit (at most {price}).</source>
        <translation>近 {days} 天内没有「{name}」的成交记录。请店长录入每件的退款金额（最多 {price}）。</translation>
    </message>
    <message>
        <source>Refund {total} without a receipt</source>
        <translation>无小票退款 {total}</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>mobile wallet</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Refunded {total} ({how}). Receipt {receipt}.</source>
        <translation>已退款 {total}（{how}）。退货单 {receipt}。</translation>
    </message>
    <message>
        <source>{points} points taken back.</source>
        <translation>扣回 {points} 积分。</translation>
    </message>
    <message>
        <source>Coupon {code} withdrawn.</source>
        <translation>优惠券 {code} 已收回。</translation>
    </message>
    <message>
        <source>Coupon {code} was used: {amount} kept back from the refund.</source>
        <translation>赠券 {code} 已使用：从退款中扣回 {amount}。</translation>
    </message>
    <message>
        <source>Coupon {code} issued instead.</source>
        <translation>改发赠券 {code}。</translation>
    </message>
    <message>
        <source>Tier back to {tier}.</source>
        <translation>等级恢复为 {tier}。</translation>
    </message>
</context>
<context>
    <name>RewardsPage</name>
    <message>
        <source>Gift catalogue</source>
        <translation>礼品目录</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>F2 Redeem the chosen gift</source>
        <translation>F2 兑换所选礼品</translation>
    </message>
    <message>
        <source>Vouchers for points</source>
        <translation>积分换代金券</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>F3 Exchange for the chosen voucher</source>
        <translation>F3 兑换所选代金券</translation>
    </message>
    <message>
        <source>Add or change a gift (managers)</source>
        <translation>新增或修改礼品（店长）</translation>
    </message>
    <message>
        <source>Offered to members</source>
        <translation>上架兑换</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cost to the store (yuan)</source>
        <translation>成本（元）</translation>
    </message>
    <message>
        <source>Points price</source>
        <translation>所需积分</translation>
    </message>
    <message>
        <source>Save the gift</source>
        <translation>保存礼品</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>{name} (withdrawn)</source>
        <translation>{name}（已下架）</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>已兑完</translation>
    </message>
    <message>
        <source>{gift} handed over for {points} points. {stock} left.</source>
        <translation>{gift} 已兑换，扣除 {points} 积分。剩余库存 {stock}。</translation>
    </message>
    <message>
        <source>{amount} voucher issued, valid until {date}.</source>
        <translation>已发放 {amount} 代金券，有效期至 {date}。</translation>
    </message>
    <message>
        <source>Change the gift catalogue</source>
        <translation>修改礼品目录</translation>
    </message>
    <message>
        <source>Gift {code} saved: {stock} in stock.</source>
        <translation>礼品 {code} 已保存：库存 {stock}。</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>another pack file (.toml)</source>
        <translation>另一个规则包文件（.toml）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试算</translation>
    </message>
    <message>
        <source>Switch to this pack</source>
        <translation>切换到此规则包</translation>
    </message>
    <message>
        <source>In force: {title} ({name})</source>
        <translation>当前生效：{title}（{name}）</translation>
    </message>
    <message>
        <source>Choose a rule pack</source>
        <translation>选择规则包</translation>
    </message>
    <message>
        <source>Rule packs (*.toml)</source>
        <translation>规则包（*.toml）</translation>
    </message>
    <message>
        <source>{title} is a valid rule pack.</source>
        <translation>{title} 是有效的规则包。</translation>
    </message>
    <message>
        <source>Trying the rule pack on a copy of the store</source>
        <translation>正在门店数据副本上试用规则包</translation>
    </message>
    <message>
        <source>Switch the rule pack</source>
        <translation>切换规则包</translation>
    </message>
    <message>
        <source>From the next sale on, this store prices, earns points and tops up by “{new}” instead of “{old}”. The switch is recorded in the audit trail.</source>
        <translation>从下一笔销售起，本店的定价、积分和储值将按“{new}”执行，不再按“{old}”。此次切换会记入审计日志。</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>The store now uses {title}.</source>
        <translation>本店现在使用 {title}。</translation>
    </message>
    <message>
        <source>This pack cannot be used. File: {file} · Key: {key} · {problem}</source>
        <translation>此规则包无法使用。文件：{file} · 键：{key} · {problem}</translation>
    </message>
    <message>
        <source>Load another pack file to see it here beside the one in force, try it on a scenario, and switch to it.</source>
        <translation>载入另一个规则包文件，即可在此与当前规则包对照、用场景试算，然后切换。</translation>
    </message>
    <message>
        <source>Each pack ran the scenario on its own copy of the store database; the live store was not touched.</source>
        <translation>每个规则包都在各自的门店数据库副本上运行场景；正在使用的门店数据未受任何改动。</translation>
    </message>
</context>
<context>
    <name>SaleActions</name>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>New quantity of {item}:</source>
        <translation>{item} 的新数量：</translation>
    </message>
    <message>
        <source>{item} removed.</source>
        <translation>已删除 {item}。</translation>
    </message>
    <message>
        <source>Press Shift+F3 again to cancel the whole sale.</source>
        <translation>再按一次 Shift+F3 取消整单。</translation>
    </message>
    <message>
        <source>Sale cancelled.</source>
        <translation>整单已取消。</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Card number, member QR or mobile number:</source>
        <translation>会员卡号、会员二维码或手机号：</translation>
    </message>
    <message>
        <source>Member removed from the sale.</source>
        <translation>已从本单移除会员。</translation>
    </message>
    <message>
        <source>Coupon added.</source>
        <translation>已添加优惠券。</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Scan or type the coupon code (a coupon of the member: its last four characters):</source>
        <translation>扫描或输入券码（会员本人的券：输入后四位即可）：</translation>
    </message>
    <message>
        <source>Hold the code in front of the camera…</source>
        <translation>请将条码对准摄像头…</translation>
    </message>
    <message numerus="yes">
        <source>Sale put on hold (%n on hold).</source>
        <translation>
            <numerusform>已挂单（共 %n 笔挂单）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount on {item}: yuan off (20), or what the customer pays (9折, 85折, 90%):</source>
        <translation>{item} 的折扣：输入优惠金额（如 20），或折扣（如 9折、85折、90%）：</translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Discount on the whole sale: yuan off (50), or what the customer pays (9折, 90%); 0 takes it off:</source>
        <translation>整单折扣：输入优惠金额（如 50），或折扣（如 9折、90%）；输入 0 取消：</translation>
    </message>
    <message>
        <source>Discount approved by {name}.</source>
        <translation>折扣已由 {name} 授权。</translation>
    </message>
    <message>
        <source>The discount is beyond your limit.</source>
        <translation>折扣超出收银员权限。</translation>
    </message>
    <message>
        <source>Sale {receipt} saved.</source>
        <translation>销售单 {receipt} 已保存。</translation>
    </message>
    <message>
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
    <message>
        <source>{points} points earned</source>
        <translation>获得 {points} 积分</translation>
    </message>
</context>
<context>
    <name>SaleLinesTable</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount (why)</source>
        <translation>优惠（原因）</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan, or type a barcode, SKU, name or pinyin initials — Enter</source>
        <translation>扫码，或输入条码、货号、品名或拼音首字母 — 回车</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>删除商品</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>后台</translation>
    </message>
    <message>
        <source>Cancel sale</source>
        <translation>整单取消</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移除会员</translation>
    </message>
    <message>
        <source>Camera scan</source>
        <translation>摄像头扫码</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Paid in money; stored value earns fewer points (its bonus part earns none).</source>
        <translation>按现金/银行卡支付计；用储值支付积分较少（赠送金部分不积分）。</translation>
    </message>
    <message>
        <source>Paid so far {paid}, still due {left}</source>
        <translation>已付 {paid}，待付 {left}</translation>
    </message>
    <message>
        <source>Discount approved by a manager</source>
        <translation>折扣已获店长授权</translation>
    </message>
    <message>
        <source>Attach a member to earn points</source>
        <translation>识别会员即可积分</translation>
    </message>
    <message>
        <source>This sale earns {points} points</source>
        <translation>本单可得 {points} 积分</translation>
    </message>
    <message>
        <source>Several products match: choose one with ↑ ↓ and Enter.</source>
        <translation>有多个商品匹配：用 ↑ ↓ 选择后回车。</translation>
    </message>
    <message>
        <source>Alliance member of {issuer} attached: partner prices.</source>
        <translation>已识别{issuer}的联盟会员：按联盟价格结算。</translation>
    </message>
    <message>
        <source>Coupon added.</source>
        <translation>已添加优惠券。</translation>
    </message>
    <message>
        <source>Member {name} ({tier}) attached.</source>
        <translation>已识别会员 {name}（{tier}）。</translation>
    </message>
</context>
<context>
    <name>SheetPreview</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
</context>
<context>
    <name>ShiftClosedDialog</name>
    <message>
        <source>Shift closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation>钱箱应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Over (+) / short (−)</source>
        <translation>长款（+）/ 短款（−）</translation>
    </message>
    <message>
        <source>Enter Log out</source>
        <translation>回车 退出登录</translation>
    </message>
</context>
<context>
    <name>SignupDialog</name>
    <message>
        <source>Sign up a member</source>
        <translation>会员注册</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>The customer has read and accepts the privacy policy</source>
        <translation>顾客已阅读并接受隐私政策</translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS and WeChat</source>
        <translation>同意通过短信和微信接收优惠信息</translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation>同意联盟商户识别（仅见隐去的姓名、等级）</translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Enter Sign up</source>
        <translation>回车 注册</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>What</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Card alerts</source>
        <translation>刷卡预警</translation>
    </message>
    <message>
        <source>One-person store: cashiers may sign members up at the till</source>
        <translation>单人门店：收银员可在收银台为顾客注册会员</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation>员工卡</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>digits, e.g. 1002</source>
        <translation>数字，例如 1002</translation>
    </message>
    <message>
        <source>4–6 digits</source>
        <translation>4–6 位数字</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Selected account</source>
        <translation>所选账号</translation>
    </message>
    <message>
        <source>new PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>member card</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Flag staff card</source>
        <translation>标记为员工卡</translation>
    </message>
    <message>
        <source>Member cards used on more than {count} sales in one business day, last 30 days. A staff member may be swiping their own card for customers.</source>
        <translation>近 30 天内，单个营业日使用超过 {count} 笔销售的会员卡。可能有员工用自己的卡替顾客刷卡。</translation>
    </message>
    <message>
        <source>Card alerts ({count})</source>
        <translation>刷卡预警（{count}）</translation>
    </message>
    <message>
        <source>Choose an account in the list.</source>
        <translation>请在列表中选择一个账号。</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>{number} {name} can log in now.</source>
        <translation>{number} {name} 现在可以登录了。</translation>
    </message>
    <message>
        <source>The PIN of {number} was reset.</source>
        <translation>{number} 的密码已重置。</translation>
    </message>
    <message>
        <source>Switch off an account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>{number} {name} will no longer be able to log in. Their sales and history stay.</source>
        <translation>{number} {name} 将无法再登录。其销售记录和历史保留。</translation>
    </message>
</context>
<context>
    <name>StatementView</name>
    <message>
        <source>earned</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <source>bonus</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>taken back</source>
        <translation>退货扣回</translation>
    </message>
    <message>
        <source>adjusted</source>
        <translation>手工调整</translation>
    </message>
    <message>
        <source>gift</source>
        <translation>兑换礼品</translation>
    </message>
    <message>
        <source>voucher</source>
        <translation>兑换代金券</translation>
    </message>
    <message>
        <source>draw</source>
        <translation>抽奖</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>消费支付</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>销卡</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>sign-up</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>upgrade</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保级</translation>
    </message>
    <message>
        <source>downgrade</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>set back by a return</source>
        <translation>退货降级</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值明细</translation>
    </message>
    <message>
        <source>Bonus value</source>
        <translation>赠送余额</translation>
    </message>
    <message>
        <source>Spent in period</source>
        <translation>期间消费</translation>
    </message>
    <message>
        <source>Points in period</source>
        <translation>期间积分</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>消费记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Points lots</source>
        <translation>积分批次</translation>
    </message>
    <message>
        <source>Earned on</source>
        <translation>获得日期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>获得积分</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Points movements</source>
        <translation>积分明细</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券号</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation>等级变动</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原等级</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>{name} — card {card} — {since} to {until}</source>
        <translation>{name} — 卡号 {card} — {since} 至 {until}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永久有效</translation>
    </message>
    <message>
        <source>Find a member above, or swipe their card.</source>
        <translation>请在上方查询会员，或刷会员卡。</translation>
    </message>
</context>
<context>
    <name>TiersPage</name>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>周年日</translation>
    </message>
    <message>
        <source>Qualifying spend</source>
        <translation>有效消费</translation>
    </message>
    <message>
        <source>To keep</source>
        <translation>保级需消费</translation>
    </message>
    <message>
        <source>Still short</source>
        <translation>尚差</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预计结果</translation>
    </message>
    <message>
        <source>Members per tier</source>
        <translation>各等级会员数</translation>
    </message>
    <message>
        <source>Anniversaries in the next</source>
        <translation>未来</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天内到期的等级周年</translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation>等级变更记录</translation>
    </message>
    <message>
        <source>Card number or mobile, then Enter</source>
        <translation>输入卡号或手机号后按 Enter</translation>
    </message>
    <message>
        <source>Pick a member above, swipe a card or type a mobile.</source>
        <translation>在上方选择会员，或刷卡、输入手机号。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原等级</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reading the tiers</source>
        <translation>正在读取会员等级</translation>
    </message>
    <message>
        <source>No tier anniversaries in the next {days} days.</source>
        <translation>未来 {days} 天内没有会员等级周年日。</translation>
    </message>
    <message>
        <source>{count} anniversaries: {drop} would drop a tier if they bought nothing more.</source>
        <translation>{count} 位会员等级到期：若不再消费，其中 {drop} 位将降级。</translation>
    </message>
    <message>
        <source>Keeps {tier}</source>
        <translation>保持{tier}</translation>
    </message>
    <message>
        <source>Drops to {tier}</source>
        <translation>降为{tier}</translation>
    </message>
    <message>
        <source>+{days} order days</source>
        <translation>另需 {days} 个消费日</translation>
    </message>
    <message>
        <source>{name}: {tier} since {since}</source>
        <translation>{name}：自 {since} 起为{tier}</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>客显</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>开盖</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s) waiting — F11 reprint</source>
        <translation>
            <numerusform>%n 张小票待打印 — F11 重打</numerusform>
        </translation>
    </message>
    <message>
        <source>Head office: online</source>
        <translation>总部：在线</translation>
    </message>
    <message>
        <source>Head office: offline</source>
        <translation>总部：离线</translation>
    </message>
    <message>
        <source>{link} · unsynced {count}</source>
        <translation>{link} · 未同步 {count}</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days}天{hours}小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}小时{minutes}分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <source>⚠ This till&apos;s clock is {difference} ahead of head office: check its date and time</source>
        <translation>⚠ 本收银机时钟比总部快 {difference}：请检查日期和时间</translation>
    </message>
    <message>
        <source>⚠ This till&apos;s clock is {difference} behind head office: check its date and time</source>
        <translation>⚠ 本收银机时钟比总部慢 {difference}：请检查日期和时间</translation>
    </message>
</context>
<context>
    <name>UpgradeProgress</name>
    <message>
        <source>Upgrading the store database</source>
        <translation>正在升级门店数据库</translation>
    </message>
    <message>
        <source>Step {step} of {steps}: {what}
A large store takes a few minutes. Do not switch the till off.</source>
        <translation>第 {step} 步，共 {steps} 步：{what}
数据多的门店需要几分钟，请勿关闭收银机。</translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Top up from</source>
        <translation>充值满</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Amount to top up, in yuan</source>
        <translation>充值金额（元）</translation>
    </message>
    <message>
        <source>Reference from the card or mobile terminal</source>
        <translation>刷卡/移动支付终端的交易参考号</translation>
    </message>
    <message>
        <source>Enter Top up</source>
        <translation>回车 充值</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Mobile wallet</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>Close the wallet</source>
        <translation>储值退卡</translation>
    </message>
    <message>
        <source>Closing refunds the principal in cash; bonus money is forfeited. A manager approves.</source>
        <translation>退卡以现金退还本金，赠送金额作废，需店长授权。</translation>
    </message>
    <message>
        <source>F9 Close wallet…</source>
        <translation>F9 退卡…</translation>
    </message>
    <message>
        <source>Esc Keep the wallet</source>
        <translation>Esc 不退卡</translation>
    </message>
    <message>
        <source>Refund and close (manager)</source>
        <translation>退款并销卡（需店长授权）</translation>
    </message>
    <message>
        <source>Type an amount: the bonus shows here before paying.</source>
        <translation>请输入金额：付款前在此显示赠送金额。</translation>
    </message>
    <message>
        <source>Bonus +{bonus}: {credited} goes on the card</source>
        <translation>赠送 +{bonus}：到账 {credited}</translation>
    </message>
    <message>
        <source>From {amount} the bonus is +{bonus}</source>
        <translation>充值满 {amount} 赠送 +{bonus}</translation>
    </message>
    <message>
        <source>Topped up {principal} + bonus {bonus}. Balance {balance} (bonus {of_bonus}).</source>
        <translation>已充值 {principal}，赠送 {bonus}。储值余额 {balance}（其中赠送 {of_bonus}）。</translation>
    </message>
    <message>
        <source>Top up {amount} — {words}? Bonus +{bonus}: {credited} goes on the card. Read the amount back to the customer before confirming.</source>
        <translation>充值 {amount}（{words}）？赠送 +{bonus}，共 {credited} 存入卡内。请先向顾客复述金额再确认。</translation>
    </message>
    <message>
        <source>Confirm a large top-up</source>
        <translation>确认大额充值</translation>
    </message>
    <message>
        <source>Refund {refund} in cash. Bonus {forfeit} is forfeited.</source>
        <translation>现金退还 {refund}，赠送 {forfeit} 作废。</translation>
    </message>
    <message>
        <source>Close the member&apos;s wallet and refund the principal</source>
        <translation>为会员储值退卡并退还本金</translation>
    </message>
    <message>
        <source>Wallet closed: {refund} refunded in cash, {forfeit} bonus forfeited.</source>
        <translation>已退卡：现金退还 {refund}，赠送 {forfeit} 作废。</translation>
    </message>
</context>
<context>
    <name>ZReportPage</name>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <source>Over (+) / short (−)</source>
        <translation>长款 (+) / 短款 (−)</translation>
    </message>
    <message>
        <source>Shifts still open</source>
        <translation>未交班</translation>
    </message>
    <message>
        <source>Reading the Z report</source>
        <translation>正在读取日结报表</translation>
    </message>
    <message>
        <source>Day {day} was closed at {time}: these are the figures printed then. Sales since belong to {next}.</source>
        <translation>营业日 {day} 已于 {time} 日结：以下为日结时打印的数据。此后的销售计入 {next}。</translation>
    </message>
    <message>
        <source>The day close runs for today&apos;s business date only.</source>
        <translation>日结只能对今天的营业日进行。</translation>
    </message>
    <message>
        <source>Closing the day expires lapsed points and coupons and runs the tier anniversaries. Every shift is closed: the figures above are final.</source>
        <translation>日结会使到期积分和优惠券失效，并进行会员等级周年复核。所有班次均已交班：以上数字为最终数字。</translation>
    </message>
    <message>
        <source>Close business day {day}? Points and coupons past their date expire and tier anniversaries due today are reviewed. This cannot be undone.</source>
        <translation>确定对营业日 {day} 进行日结？到期的积分和优惠券将失效，今天到期的会员等级将进行周年复核。此操作不可撤销。</translation>
    </message>
    <message>
        <source>Closing the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>New sales belong to {next}.</source>
        <translation>此后的销售计入 {next}。</translation>
    </message>
    <message>
        <source>Also closed {days}, which nobody had closed; their Z reports are on this page (PgUp).</source>
        <translation>同时日结了此前未日结的 {days}；其 Z 报表可在本页查看（PgUp）。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Closing the day expires lapsed points and coupons and runs the tier anniversaries. It waits until every shift is closed and counted: {cashiers}.</source>
        <translation>日结会使到期积分和优惠券失效，并进行会员等级周年评定。须等所有班次交班点钞后才能日结：{cashiers}。</translation>
    </message>
    <message>
        <source>The day is closed.</source>
        <translation>日结已完成。</translation>
    </message>
    <message>
        <source>Day {day} closed: {points} points expired from {members} members, {coupons} coupons expired, {reviews} tier anniversaries reviewed.</source>
        <translation>营业日 {day} 已日结：{members} 位会员共 {points} 积分过期，{coupons} 张优惠券过期，{reviews} 位会员完成等级周年复核。</translation>
    </message>
</context>
<context>
    <name>analysis</name>
    <message>
        <source>no order</source>
        <translation>无订单</translation>
    </message>
    <message>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <source>2</source>
        <translation>2</translation>
    </message>
    <message>
        <source>3 or more</source>
        <translation>3 及以上</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>lower third</source>
        <translation>低（潜力）</translation>
    </message>
    <message>
        <source>middle third</source>
        <translation>中（培养）</translation>
    </message>
    <message>
        <source>top third</source>
        <translation>高（大咖）</translation>
    </message>
    <message>
        <source>Key (3+ orders)</source>
        <translation>重点会员（3 单以上）</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>偶尔购买</translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation>从未购买</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Log-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed log-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Discount override</source>
        <translation>折扣授权</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>改价授权</translation>
    </message>
    <message>
        <source>Manager&apos;s approval given</source>
        <translation>店长已授权</translation>
    </message>
    <message>
        <source>Manager&apos;s approval refused</source>
        <translation>店长授权被拒</translation>
    </message>
    <message>
        <source>Refused: not allowed</source>
        <translation>拒绝：无此权限</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>积分调整</translation>
    </message>
    <message>
        <source>Return without receipt</source>
        <translation>无小票退货</translation>
    </message>
    <message>
        <source>Stored value top-up</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>Wallet closed</source>
        <translation>储值清户</translation>
    </message>
    <message>
        <source>Card issued</source>
        <translation>发卡</translation>
    </message>
    <message>
        <source>Card linked</source>
        <translation>绑卡</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>补卡</translation>
    </message>
    <message>
        <source>Member signed up</source>
        <translation>会员入会</translation>
    </message>
    <message>
        <source>Shift opened</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>班结</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Staff added</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>PIN reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>角色变更</translation>
    </message>
    <message>
        <source>Cashier sign-up switched</source>
        <translation>收银员注册会员开关变更</translation>
    </message>
    <message>
        <source>Staff switched off</source>
        <translation>停用员工</translation>
    </message>
    <message>
        <source>Staff switched on</source>
        <translation>启用员工</translation>
    </message>
    <message>
        <source>Staff card flagged</source>
        <translation>标记员工卡</translation>
    </message>
    <message>
        <source>Rule pack switched</source>
        <translation>切换规则包</translation>
    </message>
    <message>
        <source>Device settings saved</source>
        <translation>设备设置已保存</translation>
    </message>
    <message>
        <source>Store set up</source>
        <translation>门店初始化</translation>
    </message>
    <message>
        <source>Lucky draw set up</source>
        <translation>设置抽奖</translation>
    </message>
    <message>
        <source>Prize stock allotted</source>
        <translation>奖品库存分配</translation>
    </message>
    <message>
        <source>Gift redeemed</source>
        <translation>礼品兑换</translation>
    </message>
    <message>
        <source>Gift catalogue changed</source>
        <translation>礼品目录变更</translation>
    </message>
    <message>
        <source>Event check-in</source>
        <translation>活动签到</translation>
    </message>
    <message>
        <source>Coupons issued in bulk</source>
        <translation>批量发券</translation>
    </message>
    <message>
        <source>Members imported</source>
        <translation>导入会员</translation>
    </message>
    <message>
        <source>Segment exported</source>
        <translation>导出会员分组</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Sale voided</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>价格变更</translation>
    </message>
    <message>
        <source>Member profile changed</source>
        <translation>会员资料修改</translation>
    </message>
    <message>
        <source>Member payment PIN set</source>
        <translation>会员支付密码设置</translation>
    </message>
    <message>
        <source>Wrong member payment PIN</source>
        <translation>会员支付密码错误</translation>
    </message>
    <message>
        <source>Audit trail sealed with the store key</source>
        <translation>审计记录已用门店密钥封存</translation>
    </message>
    <message>
        <source>Audit trail found cut</source>
        <translation>发现审计记录被截断</translation>
    </message>
    <message>
        <source>Head office changes set aside</source>
        <translation>总部更新未能应用，已搁置</translation>
    </message>
    <message>
        <source>Audit trail cut: it reached entry no. {head} but now ends at no. {seq}; the entries after it were deleted. Call head office before anything else is changed.</source>
        <translation>审计记录被截断：原已记到第 {head} 条，现在只到第 {seq} 条，之后的记录已被删除。请先联系总部，不要再做任何更改。</translation>
    </message>
    <message>
        <source>Audit trail rewritten: from entry no. {seq} on, the entries were recomputed without this store&apos;s key. Call head office before anything else is changed.</source>
        <translation>审计记录被改写：从第 {seq} 条起的记录是在没有本店密钥的情况下重新计算的。请先联系总部，不要再做任何更改。</translation>
    </message>
    <message>
        <source>Audit trail cut: the seal on its last entry was removed (found at entry no. {seq}). Call head office before anything else is changed.</source>
        <translation>审计记录被截断：最后一条记录的封存标记已被删除（在第 {seq} 条发现）。请先联系总部，不要再做任何更改。</translation>
    </message>
    <message>
        <source>Audit trail sealed a second time at entry no. {seq}: the store&apos;s upgrade was forced again. Call head office before anything else is changed.</source>
        <translation>审计记录在第 {seq} 条被第二次封存：门店数据库的升级被强制重做。请先联系总部，不要再做任何更改。</translation>
    </message>
    <message>
        <source>Audit trail was already broken when it was sealed (entry no. {seq} says where). Call head office before anything else is changed.</source>
        <translation>审计记录在封存时已经损坏（第 {seq} 条记录说明了位置）。请先联系总部，不要再做任何更改。</translation>
    </message>
    <message>
        <source>was changed after it was written</source>
        <translation>写入后被修改过</translation>
    </message>
    <message>
        <source>follows an entry that was changed or removed</source>
        <translation>之前的记录被修改或删除</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Keyboard (USB keyboard mode)</source>
        <translation>键盘（USB 键盘模式）</translation>
    </message>
    <message>
        <source>{url} (saved)</source>
        <translation>{url}（已保存）</translation>
    </message>
    <message>
        <source>The test page went to {address}. Check that every line is clear.</source>
        <translation>测试页已发送到 {address}。请检查每一行都清晰。</translation>
    </message>
    <message>
        <source>The drawer was sent its pulse. If it did not open, try the other pin.</source>
        <translation>已向钱箱发送开箱脉冲。如果没有打开，请换另一个针脚再试。</translation>
    </message>
    <message>
        <source>Card read (tracks {tracks}): {shown}</source>
        <translation>已读到卡（磁道 {tracks}）：{shown}</translation>
    </message>
    <message>
        <source>Code read: {shown}</source>
        <translation>已读到条码：{shown}</translation>
    </message>
    <message>
        <source>The customer display should now read &quot;{shown}&quot;.</source>
        <translation>客显现在应显示“{shown}”。</translation>
    </message>
    <message>
        <source>The card encoder answered its status check (firmware {shown}).</source>
        <translation>写卡器已回应状态检查（固件 {shown}）。</translation>
    </message>
    <message>
        <source>Nothing came within the time. Try again; check the cable and the baud rate.</source>
        <translation>在规定时间内没有收到数据。请再试一次，并检查连线和波特率。</translation>
    </message>
    <message>
        <source>A keyboard device: click the field below and scan or swipe there.</source>
        <translation>这是键盘模式的设备：请点击下面的输入框，在那里扫码或刷卡。</translation>
    </message>
    <message>
        <source>Choose the device first.</source>
        <translation>请先选择设备。</translation>
    </message>
</context>
<context>
    <name>explain</name>
    <message>
        <source>{tier} {rate}</source>
        <translation>{tier} {rate}</translation>
    </message>
    <message>
        <source>Birthday {rate}</source>
        <translation>生日 {rate}</translation>
    </message>
    <message>
        <source>Stored-value deposit {rate}</source>
        <translation>储值优惠 {rate}</translation>
    </message>
    <message>
        <source>Alliance partner {rate}</source>
        <translation>联盟商户{rate}</translation>
    </message>
    <message>
        <source>{issuer} points: {points_per_yuan} a yuan</source>
        <translation>{issuer}积分：每元{points_per_yuan}分</translation>
    </message>
    <message>
        <source>Campaign price {price}</source>
        <translation>活动价 {price}</translation>
    </message>
    <message>
        <source>Store campaign {rate}</source>
        <translation>全场活动 {rate}</translation>
    </message>
    <message>
        <source>Cashier discount</source>
        <translation>收银员折扣</translation>
    </message>
    <message>
        <source>Cashier discount {rate}</source>
        <translation>收银员折扣 {rate}</translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Whole-sale discount {rate}</source>
        <translation>整单折扣 {rate}</translation>
    </message>
    <message>
        <source>Coupon {coupon}</source>
        <translation>优惠券 {coupon}</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Member price beats the campaign</source>
        <translation>会员价优于活动价</translation>
    </message>
    <message>
        <source>Coupon {coupon} on its own is cheaper ({with_coupon} against {without_coupon}): other discounts left out</source>
        <translation>单用优惠券 {coupon} 更省（{with_coupon}，不用券 {without_coupon}）：其他优惠不再叠加</translation>
    </message>
    <message>
        <source>Coupon {coupon} not used: {why}</source>
        <translation>优惠券 {coupon} 未使用：{why}</translation>
    </message>
    <message>
        <source>Spend from {min_eligible}: ×{multiplier}</source>
        <translation>满 {min_eligible}：×{multiplier}</translation>
    </message>
    <message>
        <source>Birthday: ×{multiplier}</source>
        <translation>生日：×{multiplier}</translation>
    </message>
    <message>
        <source>{occasion}: ×{multiplier}</source>
        <translation>{occasion}：×{multiplier}</translation>
    </message>
    <message>
        <source>{tier}: ×{multiplier}</source>
        <translation>{tier}：×{multiplier}</translation>
    </message>
    <message>
        <source>the other discounts save more</source>
        <translation>其他优惠更省</translation>
    </message>
    <message>
        <source>it cannot be combined</source>
        <translation>不能与其他优惠同时使用</translation>
    </message>
    <message>
        <source>another coupon saves more</source>
        <translation>另一张券更省</translation>
    </message>
    <message>
        <source>it saves nothing more; kept for later</source>
        <translation>用券不再更省，留待下次使用</translation>
    </message>
</context>
<context>
    <name>feedback</name>
    <message>
        <source>The staff number or PIN is wrong. Type them again.</source>
        <translation>工号或密码错误，请重新输入。</translation>
    </message>
    <message>
        <source>This staff account is switched off. Ask the manager.</source>
        <translation>该员工账号已停用，请联系店长。</translation>
    </message>
    <message>
        <source>Staff {number} is not a manager. A manager must type their own number and PIN.</source>
        <translation>工号 {number} 不是店长。须由店长输入本人的工号和密码。</translation>
    </message>
    <message>
        <source>This staff account no longer exists. Log in again.</source>
        <translation>该员工账号已不存在，请重新登录。</translation>
    </message>
    <message>
        <source>Your shift is already open. Carry on selling.</source>
        <translation>您的班次已开，可以继续收银。</translation>
    </message>
    <message>
        <source>No shift is open. Open a shift with the cash float first.</source>
        <translation>尚未开班。请先录入备用金开班。</translation>
    </message>
    <message>
        <source>The float cannot be negative. Count the float again.</source>
        <translation>备用金不能为负数，请重新清点。</translation>
    </message>
    <message>
        <source>The counted cash cannot be negative. Count the drawer again.</source>
        <translation>实点现金不能为负数，请重新清点钱箱。</translation>
    </message>
    <message>
        <source>No manager approved it, so nothing was changed.</source>
        <translation>没有店长授权，未做任何修改。</translation>
    </message>
    <message>
        <source>Say who is doing this: log in with your staff number and PIN.</source>
        <translation>请说明由谁操作：用您的工号和密码登录。</translation>
    </message>
    <message>
        <source>That is not a manager&apos;s approval. A manager must type their number and PIN here.</source>
        <translation>这不是店长授权。请店长在此输入自己的工号和密码。</translation>
    </message>
    <message>
        <source>Staff {number} cannot approve their own request. Ask another manager.</source>
        <translation>员工 {number} 不能授权自己的申请。请另一位店长授权。</translation>
    </message>
    <message>
        <source>The manager&apos;s approval has run out. Ask the manager to approve again.</source>
        <translation>店长授权已过期。请店长重新授权。</translation>
    </message>
    <message>
        <source>The manager&apos;s approval was used already. Ask the manager to approve again.</source>
        <translation>店长授权已使用过。请店长重新授权。</translation>
    </message>
    <message>
        <source>The manager approved something else. Ask the manager to approve this.</source>
        <translation>店长授权的是另一项操作。请店长授权本项操作。</translation>
    </message>
    <message>
        <source>The manager approved this for another staff member. Ask the manager to approve it for you.</source>
        <translation>店长授权的是另一位员工。请店长为您授权。</translation>
    </message>
    <message>
        <source>The figures changed since the manager approved them. Ask the manager to approve again.</source>
        <translation>店长授权后金额已改变。请店长重新授权。</translation>
    </message>
    <message>
        <source>This needs no manager&apos;s approval. Tell the manager this code.</source>
        <translation>此操作无需店长授权。请把此代码告诉店长。</translation>
    </message>
    <message>
        <source>Only the cashier who locked the till or a manager can unlock it.</source>
        <translation>只有锁屏的收银员或店长可以解锁。</translation>
    </message>
    <message>
        <source>The sale has no items yet. Scan an item first.</source>
        <translation>本单还没有商品，请先扫描商品。</translation>
    </message>
    <message>
        <source>{remaining} is still due. Add another payment.</source>
        <translation>还差 {remaining}，请继续收款。</translation>
    </message>
    <message>
        <source>The discount or price is beyond your limit. A manager must approve it with their PIN.</source>
        <translation>折扣或改价超出您的权限。须由店长输入密码授权。</translation>
    </message>
    <message>
        <source>The scale label {code} has neither a price nor a weight. Weigh the item again.</source>
        <translation>秤签 {code} 既无价格也无重量。请重新称重。</translation>
    </message>
    <message>
        <source>The quantity must be 1 or more.</source>
        <translation>数量至少为 1。</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>That line is no longer in the sale. Choose another line.</source>
        <translation>该行已不在本单中，请另选一行。</translation>
    </message>
    <message>
        <source>A discount cannot be negative.</source>
        <translation>折扣不能为负数。</translation>
    </message>
    <message>
        <source>No sale has receipt number {receipt}. Check the number on the receipt or scan its barcode.</source>
        <translation>找不到单号为 {receipt} 的销售。请核对小票上的单号或扫描其条码。</translation>
    </message>
    <message>
        <source>No sale is on hold.</source>
        <translation>没有挂单。</translation>
    </message>
    <message>
        <source>Finish or hold the sale on screen first.</source>
        <translation>请先完成或挂起当前销售。</translation>
    </message>
    <message>
        <source>No product has the code {code}. Check the code or search by name.</source>
        <translation>没有编码为 {code} 的商品。请核对编码或按品名搜索。</translation>
    </message>
    <message>
        <source>No product with this barcode ({code}). Put the item aside and ask the manager, or search it by name.</source>
        <translation>没有此条码的商品（{code}）。请把商品放在一边并询问店长，或按品名搜索。</translation>
    </message>
    <message>
        <source>{name} is not sold by weight, so a scale label cannot price it. Scan its own barcode.</source>
        <translation>{name} 不是称重商品，秤签不能为其定价。请扫描商品本身的条码。</translation>
    </message>
    <message>
        <source>The discount is more than the line costs ({line}). Enter a smaller one.</source>
        <translation>折扣超过该行金额（{line}），请输入较小的折扣。</translation>
    </message>
    <message>
        <source>{text} is not a discount rate. Type e.g. 9折, 85折 or 90% (what the customer pays), or an amount in yuan.</source>
        <translation>{text} 不是有效折扣。请输入如 9折、85折 或 90%（顾客实付比例），或优惠金额（元）。</translation>
    </message>
    <message>
        <source>The discount is more than the sale costs ({sale}). Enter a smaller one.</source>
        <translation>折扣超过本单金额（{sale}），请输入较小的折扣。</translation>
    </message>
    <message>
        <source>The member&apos;s tier {tier} is not in the store&apos;s rules. Ask the manager.</source>
        <translation>会员等级 {tier} 不在本店规则中，请联系店长。</translation>
    </message>
    <message>
        <source>This coupon is already in the sale.</source>
        <translation>本单已使用这张优惠券。</translation>
    </message>
    <message>
        <source>The coupon code {code} is mistyped. Type it again or scan it.</source>
        <translation>券码 {code} 输入有误，请重新输入或扫码。</translation>
    </message>
    <message>
        <source>Coupon {code} does not exist. Check the code.</source>
        <translation>优惠券 {code} 不存在，请核对券码。</translation>
    </message>
    <message>
        <source>This coupon was withdrawn and cannot be used.</source>
        <translation>这张优惠券已作废，不能使用。</translation>
    </message>
    <message>
        <source>This coupon has already been used.</source>
        <translation>这张优惠券已经用过了。</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>这张优惠券已过期。</translation>
    </message>
    <message>
        <source>This coupon is not valid yet.</source>
        <translation>这张优惠券尚未生效。</translation>
    </message>
    <message>
        <source>This coupon belongs to another member. Attach that member&apos;s card first.</source>
        <translation>这张优惠券属于其他会员，请先识别该会员的会员卡。</translation>
    </message>
    <message>
        <source>This coupon needs a spend of {min_spend}; the goods it covers come to {eligible}.</source>
        <translation>这张优惠券需满 {min_spend}，适用商品合计 {eligible}。</translation>
    </message>
    <message>
        <source>Add the gift item to the sale to use this coupon.</source>
        <translation>请把赠品加入本单后再用这张券。</translation>
    </message>
    <message>
        <source>This coupon is set up wrongly and cannot be used. Ask the manager.</source>
        <translation>这张优惠券设置有误，不能使用，请联系店长。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>The cash handed over ({given}) is less than {amount}. Count it again.</source>
        <translation>实收现金（{given}）少于 {amount}，请重新清点。</translation>
    </message>
    <message>
        <source>{amount} is more than the {due} still due. Enter a smaller amount.</source>
        <translation>{amount} 超过待收的 {due}，请输入较小的金额。</translation>
    </message>
    <message>
        <source>This way of paying is not taken here. Choose another.</source>
        <translation>本店不收这种支付方式，请换一种。</translation>
    </message>
    <message>
        <source>Attach the member first: points and stored value belong to a member.</source>
        <translation>请先识别会员：积分和储值属于会员。</translation>
    </message>
    <message>
        <source>Nothing more is due. Remove a payment or finish the sale.</source>
        <translation>已无待收金额。请删除一笔付款或完成销售。</translation>
    </message>
    <message>
        <source>Type the slip or transaction number shown by the payment terminal.</source>
        <translation>请输入支付终端上的签购单号或交易号。</translation>
    </message>
    <message>
        <source>The member owes {balance} points; points can be used again once the balance is above zero.</source>
        <translation>会员积分欠 {balance}；积分余额转正后才能再使用。</translation>
    </message>
    <message>
        <source>Points are used in steps of {step}.</source>
        <translation>积分须按 {step} 的整数倍使用。</translation>
    </message>
    <message>
        <source>The member has only {available} points.</source>
        <translation>会员只有 {available} 积分。</translation>
    </message>
    <message>
        <source>{points} points are worth {value}, more than the {due} due. Use fewer points.</source>
        <translation>{points} 积分价值 {value}，超过待收的 {due}，请少用一些积分。</translation>
    </message>
    <message>
        <source>Paying {amount} from stored value needs the member&apos;s PIN.</source>
        <translation>储值支付 {amount} 需要会员输入支付密码。</translation>
    </message>
    <message>
        <source>The PIN is wrong. Tries left today before stored value locks: {left}. Ask the member to type it again.</source>
        <translation>支付密码错误。今日还可再试 {left} 次，之后储值支付将锁定。请会员重新输入。</translation>
    </message>
    <message>
        <source>Card …{card_number} is not one of ours, and no alliance partner&apos;s member list has it (the member may not have agreed to be recognised at partners). Serve the customer without a card.</source>
        <translation>卡 …{card_number} 不是本店的卡，也不在联盟商户的会员名单上（会员可能未同意在联盟商户被识别）。请按非会员结账。</translation>
    </message>
    <message>
        <source>The alliance agreement with {issuer} is not in force today: their cards get no benefit here.</source>
        <translation>与{issuer}的联盟协议今天不在有效期内：其会员卡在本店不享受优惠。</translation>
    </message>
    <message>
        <source>This till holds no alliance coupon {code} for this card (it may be used up, expired, or not yet synced here).</source>
        <translation>本机没有此卡的联盟券{code}（可能已使用、已过期或本机尚未同步）。</translation>
    </message>
    <message>
        <source>Coupon {code} belongs to another card, not card …{card_number}.</source>
        <translation>券{code}属于其他会员卡，不是尾号{card_number}的卡。</translation>
    </message>
    <message>
        <source>The alliance agreement does not let {issuer} coupon {code} be used here.</source>
        <translation>联盟协议不允许在本店使用{issuer}的券{code}。</translation>
    </message>
    <message>
        <source>Coupon {code} is valid from {valid_from} to {valid_to}, not today.</source>
        <translation>券{code}的有效期为{valid_from}至{valid_to}，今天不可用。</translation>
    </message>
    <message>
        <source>Coupon {code} has already been used at this till.</source>
        <translation>券{code}已在本机使用过。</translation>
    </message>
    <message>
        <source>Stored value on another merchant&apos;s card can only be spent there. Take the payment another way.</source>
        <translation>其他商户会员卡的储值只能在该商户使用，请用其他方式收款。</translation>
    </message>
    <message>
        <source>This QR code is another merchant&apos;s member code, and this till holds no alliance key to check it: no agreement here honours that merchant&apos;s cards (or the till has not synced since). Ask for the member card.</source>
        <translation>这是其他商户的会员码，本机没有可核验它的联盟密钥：本店没有协议认可该商户的会员卡（或签约后本机尚未同步）。请出示会员卡。</translation>
    </message>
    <message>
        <source>The alliance agreement does not let {issuer} points pay here.</source>
        <translation>联盟协议不允许在本店用{issuer}积分付款。</translation>
    </message>
    <message>
        <source>{points} points are worth more than the amount still due. Enter fewer points.</source>
        <translation>{points} 积分超过待收金额，请输入较少的积分。</translation>
    </message>
    <message>
        <source>Stored value needs the member&apos;s card or phone QR code: swipe or scan it.</source>
        <translation>储值支付需要会员卡或手机动态码：请刷卡或扫码。</translation>
    </message>
    <message>
        <source>The stored value is only {balance}. Take the rest another way.</source>
        <translation>储值余额只有 {balance}，其余请用其他方式支付。</translation>
    </message>
    <message>
        <source>The member&apos;s stored value is overdrawn. A manager must settle it first.</source>
        <translation>会员储值已透支，须店长先处理。</translation>
    </message>
    <message>
        <source>The member has no stored value.</source>
        <translation>会员没有储值余额。</translation>
    </message>
    <message>
        <source>Head office has switched this till off for points and stored value. Pay another way and call the manager.</source>
        <translation>总部已停用本机的积分和储值支付。请改用其他支付方式并联系店长。</translation>
    </message>
    <message>
        <source>Head office cannot be reached and this till has no offline allowance for points or stored value. Pay another way, or try again once head office is back.</source>
        <translation>连不上总部，本机没有离线额度，不能使用积分或储值。请改用其他支付方式，或待连上总部后再试。</translation>
    </message>
    <message>
        <source>The till has been offline too long to take points or stored value. Pay another way; it works again once head office is back.</source>
        <translation>本机离线时间过长，暂不能使用积分或储值。请改用其他支付方式；连上总部后即恢复。</translation>
    </message>
    <message>
        <source>This member&apos;s points and stored value are on hold at head office. Pay another way, or ask the manager.</source>
        <translation>该会员的积分和储值已被总部暂停使用。请改用其他支付方式，或询问店长。</translation>
    </message>
    <message>
        <source>While head office cannot be reached, less points or stored value may be spent. Use less, or pay the rest another way.</source>
        <translation>连不上总部期间，可使用的积分或储值有限。请少用一些，或其余部分改用其他方式支付。</translation>
    </message>
    <message>
        <source>This till must be enrolled with head office again before it can sync: ask head office for a new code. Sales are kept and sent afterwards.</source>
        <translation>本收银机须重新向总部注册后才能同步：请向总部索取新的注册码。销售记录都已保留，注册后会补发。</translation>
    </message>
    <message>
        <source>An answer claiming to be from head office was altered on the way and was refused. Sales are kept; tell IT support.</source>
        <translation>一条自称来自总部的回复在途中被篡改，已拒收。销售记录都已保留；请通知 IT 支持。</translation>
    </message>
    <message>
        <source>An answer without head office&apos;s signature was refused. Sales are kept; tell IT support.</source>
        <translation>一条没有总部签名的回复已拒收。销售记录都已保留；请通知 IT 支持。</translation>
    </message>
    <message>
        <source>No member found. Check the number, or sign the customer up at the front desk.</source>
        <translation>没有找到会员。请核对号码，或请顾客到前台办理会员。</translation>
    </message>
    <message>
        <source>This membership is frozen. Send the member to the front desk.</source>
        <translation>该会员已冻结，请会员到前台处理。</translation>
    </message>
    <message>
        <source>This membership is closed.</source>
        <translation>该会员已注销。</translation>
    </message>
    <message>
        <source>That is a bank card: take it on the bank&apos;s terminal. Nothing of it was kept.</source>
        <translation>这是银行卡：请在银行刷卡终端上收款。系统未保存任何卡信息。</translation>
    </message>
    <message>
        <source>This card was reported lost and is blocked. Keep the card and call the manager.</source>
        <translation>此卡已挂失并冻结。请扣留此卡并联系店长。</translation>
    </message>
    <message>
        <source>This card was replaced by a new one. Ask the member for the new card.</source>
        <translation>此卡已换新卡，请会员出示新卡。</translation>
    </message>
    <message>
        <source>This card is closed.</source>
        <translation>此卡已注销。</translation>
    </message>
    <message>
        <source>No member has card {card_number}. Check the number.</source>
        <translation>没有会员持有卡号 {card_number}，请核对卡号。</translation>
    </message>
    <message>
        <source>The card&apos;s stripe is not genuine. Keep the card and call the manager.</source>
        <translation>此卡磁条不是本店制发的。请扣留此卡并联系店长。</translation>
    </message>
    <message>
        <source>The card has expired. Send the member to the front desk for a new one.</source>
        <translation>此卡已过期，请会员到前台换新卡。</translation>
    </message>
    <message>
        <source>This card is not one of our member cards.</source>
        <translation>这不是本店的会员卡。</translation>
    </message>
    <message>
        <source>The card could not be read. Swipe again, or type the card number (F4).</source>
        <translation>读不出此卡。请重新刷卡，或输入卡号（F4）。</translation>
    </message>
    <message>
        <source>A staff card cannot be used at a till its owner is logged in to.</source>
        <translation>员工卡不能在本人登录的收银台使用。</translation>
    </message>
    <message>
        <source>That is not a valid card number. Check the 13 digits.</source>
        <translation>卡号无效，请核对 13 位卡号。</translation>
    </message>
    <message>
        <source>The member&apos;s QR code is too old. Ask them to refresh it on the phone.</source>
        <translation>会员二维码已过期，请会员在手机上刷新。</translation>
    </message>
    <message>
        <source>This till has not learnt head office&apos;s QR keys yet. Enrol it, or ask for the member card.</source>
        <translation>本机尚未从总部取得二维码公钥。请先登记本机，或请会员出示会员卡。</translation>
    </message>
    <message>
        <source>This QR code is not genuine. Ask for the member card.</source>
        <translation>此二维码无效，请会员出示会员卡。</translation>
    </message>
    <message>
        <source>The phone&apos;s clock is ahead. Ask the member to refresh the code.</source>
        <translation>手机时间超前，请会员刷新二维码。</translation>
    </message>
    <message>
        <source>The QR code is damaged. Scan it again.</source>
        <translation>二维码无法识别，请重新扫描。</translation>
    </message>
    <message>
        <source>This QR code was already used. Ask the member to refresh it.</source>
        <translation>此二维码已使用过，请会员刷新。</translation>
    </message>
    <message>
        <source>This till has no card key, so cards cannot be checked. Call support.</source>
        <translation>本收银台没有卡密钥，无法校验会员卡，请联系技术支持。</translation>
    </message>
    <message>
        <source>The stripe was not read cleanly. Swipe again, steadily.</source>
        <translation>磁条未读清楚，请平稳地重新刷卡。</translation>
    </message>
    <message>
        <source>The swipe was cut short. Swipe again in one movement.</source>
        <translation>刷卡不完整，请一次性刷过。</translation>
    </message>
    <message>
        <source>The stripe was misread. Swipe again; if it keeps failing the card is damaged.</source>
        <translation>磁条读取有误，请重新刷卡；一直失败说明卡已损坏。</translation>
    </message>
    <message>
        <source>Nothing was read. Swipe with the stripe facing the reader head.</source>
        <translation>没有读到数据，请将磁条对准读卡头刷卡。</translation>
    </message>
    <message>
        <source>That is not a card number, member QR code or mobile number. Check it.</source>
        <translation>这不是会员卡号、会员二维码或手机号，请核对。</translation>
    </message>
    <message>
        <source>Choose at least one item to return.</source>
        <translation>请至少选择一件退货商品。</translation>
    </message>
    <message>
        <source>{code} is not on this receipt. Check the item against the receipt.</source>
        <translation>{code} 不在这张小票上。请核对商品与小票。</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode first, then the items that come back (F4 without a receipt).</source>
        <translation>请先扫描小票条码，再扫描退回的商品（无小票按 F4）。</translation>
    </message>
    <message>
        <source>Only {left} of line {line_no} can still be returned.</source>
        <translation>第 {line_no} 行只能再退 {left} 件。</translation>
    </message>
    <message>
        <source>Line {line_no} is not on that receipt.</source>
        <translation>该小票上没有第 {line_no} 行。</translation>
    </message>
    <message>
        <source>A return without a receipt needs a manager.</source>
        <translation>无小票退货需要店长授权。</translation>
    </message>
    <message>
        <source>No sale of {name} lately: the manager types the refund for it.</source>
        <translation>「{name}」近期没有成交记录：请店长录入退款金额。</translation>
    </message>
    <message>
        <source>The refund for one unit must be more than zero and at most its price {price}.</source>
        <translation>每件退款须大于零，且不超过售价 {price}。</translation>
    </message>
    <message>
        <source>{amount} is more than the {paid} paid for it on {receipt}. A return without a receipt never refunds more than was paid.</source>
        <translation>{amount} 高于该商品在 {receipt} 的成交价 {paid}。无小票退货的退款不超过实付金额。</translation>
    </message>
    <message>
        <source>The barcode was misread (check digit). Scan it again.</source>
        <translation>条码读错了（校验位不符），请重新扫描。</translation>
    </message>
    <message>
        <source>The scan came through the Chinese input method. Switch the input method off and scan again.</source>
        <translation>扫码内容经过了中文输入法。请关闭输入法后重新扫描。</translation>
    </message>
    <message>
        <source>The scan was empty. Scan again.</source>
        <translation>扫码内容为空，请重新扫描。</translation>
    </message>
    <message>
        <source>The scanner sent unreadable data. Scan again; if it repeats, check the scanner&apos;s settings.</source>
        <translation>扫码枪发送的数据无法识别。请重新扫描；反复出现请检查扫码枪设置。</translation>
    </message>
    <message>
        <source>The scan was cut short. Scan again.</source>
        <translation>扫码不完整，请重新扫描。</translation>
    </message>
    <message>
        <source>The printer is out of paper. Load a roll; the receipt waits for reprint (F11).</source>
        <translation>打印机缺纸。请装纸；小票等待重打（F11）。</translation>
    </message>
    <message>
        <source>The printer cover is open. Close it; the receipt waits for reprint (F11).</source>
        <translation>打印机开盖。请合上；小票等待重打（F11）。</translation>
    </message>
    <message>
        <source>The printer reports a fault (cutter or heat). Switch it off and on; the receipt waits for reprint (F11).</source>
        <translation>打印机故障（切刀或过热）。请关机再开机；小票等待重打（F11）。</translation>
    </message>
    <message>
        <source>No Chinese font to print with. Call support; the receipt waits for reprint (F11).</source>
        <translation>没有可用于打印的中文字体。请联系技术支持；小票等待重打（F11）。</translation>
    </message>
    <message>
        <source>A device address in the settings is wrong. Call support.</source>
        <translation>设备设置中的地址有误，请联系技术支持。</translation>
    </message>
    <message>
        <source>A device is set up with the wrong kind of address. Call support.</source>
        <translation>设备地址类型设置错误，请联系技术支持。</translation>
    </message>
    <message>
        <source>A library for a device is missing ({library}). Call support.</source>
        <translation>缺少设备所需的程序库（{library}），请联系技术支持。</translation>
    </message>
    <message>
        <source>Camera scanning is not installed on this till. Use the hand scanner, or ask support to add the camera part.</source>
        <translation>本收银机未安装摄像头扫码组件。请用扫码枪，或请技术支持安装摄像头组件。</translation>
    </message>
    <message>
        <source>A device setting is wrong ({setting}). Call support.</source>
        <translation>设备设置有误（{setting}），请联系技术支持。</translation>
    </message>
    <message>
        <source>Something went wrong. Tell support the code {support}.</source>
        <translation>出错了。请把代码 {support} 告诉技术支持。</translation>
    </message>
    <message>
        <source>The {device} is not reachable. Check it is switched on and cabled.</source>
        <translation>{device}连接不上。请检查是否开机、线缆是否连好。</translation>
    </message>
    <message>
        <source>The {device} stopped answering. Check its cable and power.</source>
        <translation>{device}没有响应。请检查线缆和电源。</translation>
    </message>
    <message>
        <source>The {device} connection dropped. Check the cable or network.</source>
        <translation>{device}连接中断。请检查线缆或网络。</translation>
    </message>
    <message>
        <source>The {device} port may not be opened. Call support.</source>
        <translation>没有权限打开{device}端口，请联系技术支持。</translation>
    </message>
    <message>
        <source>The {device} reported an error. Unplug it and plug it in again.</source>
        <translation>{device}报错。请拔下后重新插上。</translation>
    </message>
    <message>
        <source>receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>customer display</source>
        <translation>客显</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>card encoder</source>
        <translation>写卡器</translation>
    </message>
    <message>
        <source>serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>A field is filled in wrongly. Check it and save again.</source>
        <translation>有一项填写有误，请检查后重新保存。</translation>
    </message>
    <message>
        <source>The store database cannot be used ({code}). Call support.</source>
        <translation>门店数据库无法使用（{code}），请联系技术支持。</translation>
    </message>
    <message>
        <source>The receipt could not be laid out ({code}). Call support.</source>
        <translation>小票无法排版（{code}），请联系技术支持。</translation>
    </message>
    <message>
        <source>That was refused ({code}). Tell the manager this code.</source>
        <translation>操作被拒绝（{code}）。请把这个代码告诉店长。</translation>
    </message>
    <message>
        <source>Something went wrong, but sale {receipt} is saved.</source>
        <translation>出错了，但销售单 {receipt} 已保存。</translation>
    </message>
    <message>
        <source>Something went wrong. The items on screen are kept; nothing was paid.</source>
        <translation>出错了。屏幕上的商品仍保留；本单尚未收款。</translation>
    </message>
    <message>
        <source>Support code: {support}</source>
        <translation>支持代码：{support}</translation>
    </message>
    <message>
        <source>Your role may not open this. Ask a manager.</source>
        <translation>您的角色无权打开此页面，请找店长。</translation>
    </message>
    <message>
        <source>No receipt printer is set up at this till.</source>
        <translation>本机未设置小票打印机。</translation>
    </message>
    <message>
        <source>{field} must be filled in.</source>
        <translation>{field}为必填项。</translation>
    </message>
    <message>
        <source>{field} is too long: at most {max} characters.</source>
        <translation>{field}太长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>{field} must be text.</source>
        <translation>{field}必须是文字。</translation>
    </message>
    <message>
        <source>{field} holds an invisible control character (character {position}): retype it instead of pasting.</source>
        <translation>{field}含有看不见的控制字符（第 {position} 个字符）：请重新输入，不要粘贴。</translation>
    </message>
    <message>
        <source>Mobile: type 11 digits starting 13–19, or an international number starting with +.</source>
        <translation>手机号：请输入以13–19开头的11位数字，或以 + 开头的国际号码。</translation>
    </message>
    <message>
        <source>ID number: 18 characters, 17 digits then a digit or X, with a real birth date in it.</source>
        <translation>身份证号：18位，前17位为数字，最后一位为数字或X，且出生日期须真实有效。</translation>
    </message>
    <message>
        <source>ID number: the last character does not fit the others. Check every digit against the ID card.</source>
        <translation>身份证号：校验位不符。请对照身份证逐位核对。</translation>
    </message>
    <message>
        <source>Birthday: type it as 1990-03-08, or 03-08 without the year.</source>
        <translation>生日：请按 1990-03-08 格式输入，或不含年份输入 03-08。</translation>
    </message>
    <message>
        <source>Birthday: the date is in the future.</source>
        <translation>生日：日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Birthday: it differs from the birth date in the ID number. Leave it empty or correct one of them.</source>
        <translation>生日：与身份证号中的出生日期不一致。请留空或更正其中之一。</translation>
    </message>
    <message>
        <source>E-mail: the address is not complete (like name@example.com).</source>
        <translation>电子邮箱：地址不完整（例如 name@example.com）。</translation>
    </message>
    <message>
        <source>Gender: choose male or female.</source>
        <translation>性别：请选择男或女。</translation>
    </message>
    <message>
        <source>{field}: choose one of the listed channels.</source>
        <translation>{field}：请从列出的渠道中选择。</translation>
    </message>
    <message>
        <source>{field}: tick it or leave it empty.</source>
        <translation>{field}：请勾选或留空。</translation>
    </message>
    <message>
        <source>The form has no field {field}.</source>
        <translation>申请表没有字段 {field}。</translation>
    </message>
    <message>
        <source>Referrer: type the 13-digit card number or the mobile of the member who sent them.</source>
        <translation>推荐人：请输入推荐会员的13位卡号或手机号。</translation>
    </message>
    <message>
        <source>Referrer: a new member cannot refer themselves.</source>
        <translation>推荐人：新会员不能推荐自己。</translation>
    </message>
    <message>
        <source>The customer must read and accept the privacy policy before signing up.</source>
        <translation>顾客须阅读并接受隐私政策后才能入会。</translation>
    </message>
    <message>
        <source>Referrer: no member has the card number or mobile {value}.</source>
        <translation>推荐人：没有卡号或手机号为 {value} 的会员。</translation>
    </message>
    <message>
        <source>Card {number} already belongs to a member. Use another card.</source>
        <translation>卡号 {number} 已属于其他会员。请换一张卡。</translation>
    </message>
    <message>
        <source>All card numbers for {prefix} are used up. Call head office.</source>
        <translation>{prefix} 的卡号已全部用完。请联系总部。</translation>
    </message>
    <message>
        <source>This till has no new card numbers left ({left}). Connect it to head office: the next sync brings a new block. A pre-printed card can still be linked (F7).</source>
        <translation>本机已没有可用的新卡号（剩余 {left} 个）。请连接总部：下次同步会分配新的号段。预印卡仍可绑定（F7）。</translation>
    </message>
    <message>
        <source>Card {number} is not registered to this store. Use a pre-printed card head office registered here, or issue a new card.</source>
        <translation>卡 {number} 未登记到本店。请使用总部登记给本店的预印卡，或发一张新卡。</translation>
    </message>
    <message>
        <source>No card encoder is set up at this till.</source>
        <translation>本机未设置写卡器。</translation>
    </message>
    <message>
        <source>No card was swiped through the encoder in time.</source>
        <translation>未及时在写卡器上刷卡。</translation>
    </message>
    <message>
        <source>The encoder could not write the card: swipe it again steadily, or use a new card (Hi-Co cards unless the settings say Lo-Co).</source>
        <translation>写卡器无法写入该卡：请平稳地再刷一次，或换一张新卡（除设置为低抗外，请使用高抗卡）。</translation>
    </message>
    <message>
        <source>The card was swiped the wrong way or too fast. Swipe it again, stripe to the head.</source>
        <translation>刷卡方向不对或速度太快。请将磁条对准磁头再刷一次。</translation>
    </message>
    <message>
        <source>The card reads back differently from what was written. Use a new blank card.</source>
        <translation>读回的内容与写入的不一致。请换一张空白卡。</translation>
    </message>
    <message>
        <source>The card encoder answers strangely: check it is an MSR206/605 and its speed is 9600 baud.</source>
        <translation>写卡器应答异常：请确认是 MSR206/605 且波特率为 9600。</translation>
    </message>
    <message>
        <source>The card encoder refused a command. Switch it off and on.</source>
        <translation>写卡器拒绝了指令。请关闭后重新打开写卡器。</translation>
    </message>
    <message>
        <source>The card encoder reports a fault. Switch it off and on.</source>
        <translation>写卡器报告故障。请关闭后重新打开写卡器。</translation>
    </message>
    <message>
        <source>The card data cannot be written on a stripe. Call support.</source>
        <translation>该卡数据无法写入磁条。请联系技术支持。</translation>
    </message>
    <message>
        <source>Find the member first: swipe the card, scan the QR or type the mobile.</source>
        <translation>请先找到会员：刷卡、扫码或输入手机号。</translation>
    </message>
    <message>
        <source>Type the top-up amount in yuan, for example 1000.</source>
        <translation>请输入充值金额（元），例如 1000。</translation>
    </message>
    <message>
        <source>Cash goes through a counted drawer: count the float into yours first, or take the top-up by bank card or mobile.</source>
        <translation>现金须进入要点钞的钱箱：请先开班放入备用金，或改用银行卡、移动支付充值。</translation>
    </message>
    <message>
        <source>A top-up above {threshold} is booked only once the amount {amount} has been read back to the customer and confirmed.</source>
        <translation>超过 {threshold} 的充值，须向顾客复述金额 {amount} 并确认后才能入账。</translation>
    </message>
    <message>
        <source>A top-up is at least {min}.</source>
        <translation>充值金额至少 {min}。</translation>
    </message>
    <message>
        <source>A top-up is paid in cash, by bank card or by mobile wallet.</source>
        <translation>充值只能用现金、银行卡或移动支付。</translation>
    </message>
    <message>
        <source>Type the reference the card or mobile terminal printed, then Enter.</source>
        <translation>请输入刷卡/移动支付终端打印的参考号，再按回车。</translation>
    </message>
    <message>
        <source>Closing a wallet needs a manager&apos;s approval.</source>
        <translation>储值退卡需要店长授权。</translation>
    </message>
    <message>
        <source>Coupons to many members at once need a manager&apos;s approval.</source>
        <translation>批量向会员发券须店长授权。</translation>
    </message>
    <message>
        <source>Recording prize stock needs a manager&apos;s approval.</source>
        <translation>登记奖品库存须店长授权。</translation>
    </message>
    <message>
        <source>Choose a gift in the catalogue first.</source>
        <translation>请先在礼品目录中选择礼品。</translation>
    </message>
    <message>
        <source>Gift {code} is not in the catalogue any more.</source>
        <translation>礼品 {code} 已不在目录中。</translation>
    </message>
    <message>
        <source>Gift {code} is out of stock. Offer another gift or a voucher.</source>
        <translation>礼品 {code} 已兑完，请推荐其他礼品或代金券。</translation>
    </message>
    <message>
        <source>Only a manager may change the gift catalogue.</source>
        <translation>只有店长可以修改礼品目录。</translation>
    </message>
    <message>
        <source>Type the gift&apos;s code.</source>
        <translation>请输入礼品编码。</translation>
    </message>
    <message>
        <source>Type the gift&apos;s name.</source>
        <translation>请输入礼品名称。</translation>
    </message>
    <message>
        <source>The points price must be more than 0.</source>
        <translation>所需积分必须大于 0。</translation>
    </message>
    <message>
        <source>The points price must be a whole number, for example 900.</source>
        <translation>所需积分必须是整数，例如 900。</translation>
    </message>
    <message>
        <source>Stock cannot be below 0.</source>
        <translation>库存不能小于 0。</translation>
    </message>
    <message>
        <source>Stock must be a whole number.</source>
        <translation>库存必须是整数。</translation>
    </message>
    <message>
        <source>The cost to the store cannot be below 0.</source>
        <translation>成本不能小于 0。</translation>
    </message>
    <message>
        <source>Type the cost to the store in yuan, for example 9.00.</source>
        <translation>请输入成本（元），例如 9.00。</translation>
    </message>
    <message>
        <source>Choose a voucher in the list first.</source>
        <translation>请先在列表中选择代金券。</translation>
    </message>
    <message>
        <source>There is no voucher for {points} points. Choose one from the list.</source>
        <translation>没有 {points} 积分的代金券，请从列表中选择。</translation>
    </message>
    <message>
        <source>No lucky draw is running today.</source>
        <translation>今天没有进行中的抽奖活动。</translation>
    </message>
    <message>
        <source>Lucky draw {draw} is not known at this store.</source>
        <translation>本店没有抽奖活动 {draw}。</translation>
    </message>
    <message>
        <source>Lucky draw {draw} is closed.</source>
        <translation>抽奖活动 {draw} 已关闭。</translation>
    </message>
    <message>
        <source>Lucky draw {draw} starts on {starts}.</source>
        <translation>抽奖活动 {draw} 于 {starts} 开始。</translation>
    </message>
    <message>
        <source>Lucky draw {draw} ended on {ends}.</source>
        <translation>抽奖活动 {draw} 已于 {ends} 结束。</translation>
    </message>
    <message>
        <source>Prize {prize} has run out. Nothing was taken; spin again.</source>
        <translation>奖品 {prize} 已抽完，未扣积分，请再抽一次。</translation>
    </message>
    <message>
        <source>Choose a prize of this draw first.</source>
        <translation>请先选择本次抽奖的奖品。</translation>
    </message>
    <message>
        <source>Type how many more (or, negative, how many fewer) head office allotted.</source>
        <translation>请输入总部增加（负数为减少）的数量。</translation>
    </message>
    <message>
        <source>{given} of prize {prize} are already given: the stock cannot go lower.</source>
        <translation>奖品 {prize} 已发出 {given} 份，库存不能再少。</translation>
    </message>
    <message>
        <source>Prize {prize} has no stock limit to change.</source>
        <translation>奖品 {prize} 不限库存，无需修改。</translation>
    </message>
    <message>
        <source>The spin is saved, but the wheel could not show prize {prize}. Open the page again.</source>
        <translation>抽奖结果已保存，但转盘无法显示奖品 {prize}，请重新打开此页。</translation>
    </message>
    <message>
        <source>This member has already checked in to {event}. Welcome them back; nothing more is issued.</source>
        <translation>该会员已在“{event}”签到过，欢迎再次光临；不再重复发放。</translation>
    </message>
    <message>
        <source>Type the event&apos;s name first.</source>
        <translation>请先输入活动名称。</translation>
    </message>
    <message>
        <source>The points in the rule cannot be below 0.</source>
        <translation>条件中的积分不能小于 0。</translation>
    </message>
    <message>
        <source>Choose a birthday month from 1 to 12.</source>
        <translation>请选择 1 至 12 月的生日月份。</translation>
    </message>
    <message>
        <source>The list could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation>名单无法保存到 {path}：{reason}。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Choose a member first: search, or swipe their card.</source>
        <translation>请先选择会员：查询，或刷会员卡。</translation>
    </message>
    <message>
        <source>The period ends before it starts. Change the From date.</source>
        <translation>结束日期早于开始日期。请修改开始日期。</translation>
    </message>
    <message>
        <source>The file could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation>文件无法保存到 {path}：{reason}。请换一个文件夹。</translation>
    </message>
    <message>
        <source>There is no file at {path}. Choose the file again.</source>
        <translation>{path} 处没有文件。请重新选择文件。</translation>
    </message>
    <message>
        <source>The file cannot be read as CSV or XLSX ({reason}). Save it again from the old system as CSV or XLSX.</source>
        <translation>文件无法按 CSV 或 XLSX 读取（{reason}）。请从旧系统重新另存为 CSV 或 XLSX。</translation>
    </message>
    <message>
        <source>The file is not text Kaika can read (it tried {tried}). Save it from the old system as CSV UTF-8 or XLSX.</source>
        <translation>文件不是开卡能读的文本（已尝试 {tried}）。请在旧系统中另存为 CSV UTF-8 或 XLSX。</translation>
    </message>
    <message>
        <source>The XLSX file is damaged and cannot be read ({reason}). Save it again from the old system as XLSX or CSV.</source>
        <translation>XLSX 文件已损坏，无法读取（{reason}）。请在旧系统中重新另存为 XLSX 或 CSV。</translation>
    </message>
    <message>
        <source>The old Excel (.xls) file cannot be read ({reason}). Save it as .xlsx or CSV and choose it again.</source>
        <translation>旧版 Excel（.xls）文件无法读取（{reason}）。请另存为 .xlsx 或 CSV 后重新选择。</translation>
    </message>
    <message>
        <source>Row {row}, column {column} holds more than {max} characters. Shorten it in the file.</source>
        <translation>第 {row} 行“{column}”列超过 {max} 个字符。请在文件中缩短。</translation>
    </message>
    <message>
        <source>Row {row} is not valid CSV ({reason}). Check its quotation marks.</source>
        <translation>第 {row} 行不是有效的 CSV（{reason}）。请检查引号。</translation>
    </message>
    <message>
        <source>The file has more than {max} rows. Split it into smaller files.</source>
        <translation>文件超过 {max} 行。请拆分成较小的文件。</translation>
    </message>
    <message>
        <source>Rows {rows} have problems, so nothing was imported.</source>
        <translation>第 {rows} 行有问题，因此没有导入任何会员。</translation>
    </message>
    <message>
        <source>The file is too large ({detail}). Choose the right file.</source>
        <translation>文件过大（{detail}）。请选择正确的文件。</translation>
    </message>
    <message>
        <source>The file cannot be opened ({detail}). Check that it is not open elsewhere.</source>
        <translation>无法打开文件（{detail}）。请检查文件是否被其他程序占用。</translation>
    </message>
    <message>
        <source>That is a folder. Choose a file.</source>
        <translation>这是文件夹。请选择文件。</translation>
    </message>
    <message>
        <source>The file is empty. Choose another file.</source>
        <translation>文件是空的。请选择其他文件。</translation>
    </message>
    <message>
        <source>Two columns are both called “{column}”. Rename one in the file.</source>
        <translation>有两列都叫“{column}”。请在文件中改掉其中一列的名称。</translation>
    </message>
    <message>
        <source>“{part}” is not a column=field pair.</source>
        <translation>“{part}”不是“列=字段”的格式。</translation>
    </message>
    <message>
        <source>Kaika has no field called “{value}”.</source>
        <translation>开卡系统没有名为“{value}”的字段。</translation>
    </message>
    <message>
        <source>The file has no column called “{column}”. Choose it again.</source>
        <translation>文件中没有名为“{column}”的列。请重新选择。</translation>
    </message>
    <message>
        <source>Two columns are mapped to {value}. Keep one of them.</source>
        <translation>有两列都对应到 {value}。请只保留其中一列。</translation>
    </message>
    <message>
        <source>No column is mapped to {value}, which every member needs. Choose its column.</source>
        <translation>没有列对应到 {value}，这是每个会员必填的。请选择对应的列。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number of points (no minus sign, no decimals).</source>
        <translation>“{value}”不是整数积分（不能有负号或小数）。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount in yuan of zero or more (e.g. 1,234.50).</source>
        <translation>“{value}”不是零或以上的金额（元，例如 1,234.50）。</translation>
    </message>
    <message>
        <source>“{value}” is not a tier of this store ({known}).</source>
        <translation>“{value}”不是本店的会员等级（{known}）。</translation>
    </message>
    <message>
        <source>“{value}” is not a date like 2024-03-08.</source>
        <translation>“{value}”不是 2024-03-08 这样的日期。</translation>
    </message>
    <message>
        <source>The same mobile is also on row {rows}. Keep it on one row only.</source>
        <translation>第 {rows} 行也是这个手机号。请只保留一行。</translation>
    </message>
    <message>
        <source>The same card number is also on row {rows}. Keep it on one row only.</source>
        <translation>第 {rows} 行也是这个卡号。请只保留一行。</translation>
    </message>
    <message>
        <source>A member with this mobile is already in the store. Leave the row out or change the mobile.</source>
        <translation>本店已有使用这个手机号的会员。请去掉这一行或更改手机号。</translation>
    </message>
    <message>
        <source>This card number is already in use in the store.</source>
        <translation>这个卡号在本店已被使用。</translation>
    </message>
    <message>
        <source>Run the dry run first: the import takes only rows it has checked.</source>
        <translation>请先试导入：只导入已检查过的行。</translation>
    </message>
    <message>
        <source>No row can be imported. Correct the file and run the dry run again.</source>
        <translation>没有可以导入的行。请改正文件后重新试导入。</translation>
    </message>
    <message>
        <source>The report could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation>报表无法保存到 {path}：{reason}。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Shifts still open: {cashiers}. Each cashier closes their shift and counts the cash before the day is closed.</source>
        <translation>以下班次尚未交班：{cashiers}。日结前每位收银员须先交班并清点现金。</translation>
    </message>
    <message>
        <source>Business day {day} is already closed; new sales belong to {next_day}. The next day close is possible once {next_day} has begun.</source>
        <translation>营业日 {day} 已日结，新的销售计入 {next_day}。{next_day} 开始后才能再次日结。</translation>
    </message>
    <message>
        <source>Look ahead at least one day.</source>
        <translation>请至少向后查看一天。</translation>
    </message>
    <message>
        <source>Enter at least one day.</source>
        <translation>请输入至少一天。</translation>
    </message>
    <message>
        <source>Staff number {number} is already taken. Choose another number.</source>
        <translation>工号 {number} 已被使用，请换一个工号。</translation>
    </message>
    <message>
        <source>A staff number is digits only, at most {max} of them.</source>
        <translation>工号只能是数字，最多 {max} 位。</translation>
    </message>
    <message>
        <source>Only an administrator may give, change or switch off the role {role}.</source>
        <translation>只有管理员才能授予、更改或停用“{role}”角色。</translation>
    </message>
    <message>
        <source>You cannot change the role of your own account or switch it off. Ask another manager or an administrator.</source>
        <translation>不能更改或停用自己的账号。请找另一位店长或管理员。</translation>
    </message>
    <message>
        <source>A PIN is {min} to {max} digits. Type it again.</source>
        <translation>密码为 {min} 到 {max} 位数字，请重新输入。</translation>
    </message>
    <message>
        <source>That PIN is too easy to guess (one digit repeated, or a run like 1234). Choose another.</source>
        <translation>此密码太容易被猜到（同一数字重复，或 1234 这样的连号），请换一个。</translation>
    </message>
    <message>
        <source>The rule pack {file} has a mistake at {key} ({problem}). Correct the file and load it again.</source>
        <translation>规则包 {file} 在 {key} 处有错误（{problem}）。请改正文件后重新载入。</translation>
    </message>
    <message>
        <source>There is no rule pack {name}. Choose the file again.</source>
        <translation>没有规则包 {name}，请重新选择文件。</translation>
    </message>
    <message>
        <source>The scenario {file} cannot be run: {path} is wrong ({problem}).</source>
        <translation>场景 {file} 无法运行：{path} 有误（{problem}）。</translation>
    </message>
    <message>
        <source>Load another rule pack first.</source>
        <translation>请先载入另一个规则包。</translation>
    </message>
    <message>
        <source>The end date is before the start date. Change one of them.</source>
        <translation>结束日期早于开始日期，请修改其中一个。</translation>
    </message>
    <message>
        <source>The PIN was wrong {tries} times today, so stored value is locked until tomorrow. Take the payment another way; the front desk can set a new PIN.</source>
        <translation>今日密码已输错 {tries} 次，储值支付锁定至明天。请改用其他方式付款；前台可为会员重设密码。</translation>
    </message>
    <message>
        <source>Voiding a sale needs a manager&apos;s approval.</source>
        <translation>作废销售须店长授权。</translation>
    </message>
    <message>
        <source>Type why the sale is voided; it goes into the audit trail.</source>
        <translation>请填写作废原因，将记入审计日志。</translation>
    </message>
    <message>
        <source>Sale {receipt} was rung up on {date}; only today&apos;s sales can be voided. Take the goods back as a return.</source>
        <translation>小票 {receipt} 是 {date} 的销售，只能作废当天的销售。请按退货办理。</translation>
    </message>
    <message>
        <source>Sale {receipt} belongs to another shift; only sales of the open shift can be voided. Take the goods back as a return.</source>
        <translation>小票 {receipt} 属于其他班次，只能作废当前班次的销售。请按退货办理。</translation>
    </message>
    <message>
        <source>Everything on sale {receipt} has already been returned.</source>
        <translation>小票 {receipt} 的商品已全部退货。</translation>
    </message>
    <message>
        <source>Sale {receipt} won coupon {code}, and that coupon has already been used, so the sale cannot be voided. Take the goods back as a return instead.</source>
        <translation>小票 {receipt} 赠送的优惠券 {code} 已经使用，此笔销售不能作废。请改为办理退货。</translation>
    </message>
    <message>
        <source>This mobile number belongs to another member. Check the number, or look that member up instead.</source>
        <translation>这个手机号已属于另一位会员。请核对号码，或直接查找那位会员。</translation>
    </message>
    <message>
        <source>{field} was settled when the member signed up and cannot be changed here.</source>
        <translation>{field}在会员入会时已确定，这里不能修改。</translation>
    </message>
    <message>
        <source>The two PINs are not the same, so nothing was saved. Type the new PIN again, twice.</source>
        <translation>两次输入的密码不一致，未保存。请重新输入新密码两次。</translation>
    </message>
    <message>
        <source>Type a code for the draw, for example SPRING-2025.</source>
        <translation>请输入抽奖活动编号，如 SPRING-2025。</translation>
    </message>
    <message>
        <source>The draw code {draw} may hold only letters, digits, - and _ (at most 40).</source>
        <translation>抽奖编号 {draw} 只能包含字母、数字、- 和 _（最多 40 个字符）。</translation>
    </message>
    <message>
        <source>There is already a lucky draw with code {draw}. Choose another code.</source>
        <translation>已有编号为 {draw} 的抽奖活动，请换一个编号。</translation>
    </message>
    <message>
        <source>Type the draw&apos;s name as members will see it.</source>
        <translation>请输入会员看到的抽奖活动名称。</translation>
    </message>
    <message>
        <source>The name is too long: at most {max} characters.</source>
        <translation>名称太长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>The last day is before the first day. Change the To date.</source>
        <translation>结束日期早于开始日期，请修改结束日期。</translation>
    </message>
    <message>
        <source>The last day is already past. Change the To date.</source>
        <translation>结束日期已过，请修改结束日期。</translation>
    </message>
    <message>
        <source>The points a paid spin costs cannot be below 0.</source>
        <translation>每次抽奖所需积分不能小于 0。</translation>
    </message>
    <message>
        <source>Free spins a day cannot be below 0.</source>
        <translation>每天免费次数不能小于 0。</translation>
    </message>
    <message>
        <source>Add at least one prize with a weight of 1 or more.</source>
        <translation>请至少添加一个权重不小于 1 的奖品。</translation>
    </message>
    <message>
        <source>Type the prize&apos;s name as the wheel shows it.</source>
        <translation>请输入转盘上显示的奖品名称。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation>“{value}”不是整数。</translation>
    </message>
    <message>
        <source>The weight must be 1 or more: the bigger it is, the more often the prize comes up.</source>
        <translation>权重必须不小于 1：权重越大，抽中越频繁。</translation>
    </message>
    <message>
        <source>A points prize gives at least 1 point.</source>
        <translation>积分奖品至少送 1 积分。</translation>
    </message>
    <message>
        <source>Choose the coupon template the prize issues.</source>
        <translation>请选择该奖品发放的优惠券模板。</translation>
    </message>
    <message>
        <source>There is no coupon template {template}. Choose one from the list.</source>
        <translation>没有优惠券模板 {template}，请从列表中选择。</translation>
    </message>
    <message>
        <source>The stock cannot be below 0.</source>
        <translation>库存不能小于 0。</translation>
    </message>
    <message>
        <source>Type how many this store can give: only “thanks for playing” may be unlimited.</source>
        <translation>请输入本店可送出的数量：只有“谢谢参与”可以不限。</translation>
    </message>
    <message>
        <source>No store database was found. Create one with `kaika init --db PATH`, or open the demo store with `kaika run --demo`.</source>
        <translation>未找到门店数据库。请用 `kaika init --db PATH` 新建一个，或用 `kaika run --demo` 打开演示门店。</translation>
    </message>
    <message>
        <source>Store databases found: {listed}. Choose one with --db PATH (or set {env}).</source>
        <translation>找到这些门店数据库：{listed}。请用 --db PATH 选择（或设置 {env}）。</translation>
    </message>
    <message>
        <source>There is no store database at {path}.</source>
        <translation>在 {path} 没有门店数据库。</translation>
    </message>
    <message>
        <source>This store database was made by a newer Kaika (revision {revision}; this one knows up to {known}). Install the newer Kaika.</source>
        <translation>此门店数据库由更新版本的开卡生成（版本 {revision}；本程序只认识到 {known}）。请安装新版开卡。</translation>
    </message>
    <message>
        <source>The store&apos;s key file {path} is missing: copy it back beside the database (it seals card secrets and ID numbers).</source>
        <translation>门店密钥文件 {path} 不见了：请把它复制回数据库旁边（它加密卡密钥和身份证号）。</translation>
    </message>
    <message>
        <source>The key file {path} belongs to another store database. Copy this store&apos;s own key file beside it.</source>
        <translation>密钥文件 {path} 属于另一个门店数据库。请把本店自己的密钥文件复制到数据库旁边。</translation>
    </message>
    <message>
        <source>The key file {path} is damaged. Restore it from the backup.</source>
        <translation>密钥文件 {path} 已损坏。请从备份恢复。</translation>
    </message>
    <message>
        <source>This store database is already open in another Kaika (process {pid}, account {user} on {host}). Close that till first: one store database takes one Kaika.</source>
        <translation>此门店数据库已在另一个开卡中打开（进程 {pid}，账户 {user}，电脑 {host}）。请先关闭那个收银台：一个门店数据库只能由一个开卡使用。</translation>
    </message>
    <message>
        <source>This store database is being synced with head office by another Kaika process (process {pid}, account {user} on {host}). Wait for that round to finish, or stop that sync, then try again.</source>
        <translation>另一个开卡进程正在与总部同步此门店数据库（进程 {pid}，账户 {user}，电脑 {host}）。请等这一轮同步结束，或先停止那个同步，然后再试。</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {reason}</source>
        <translation>备份无法写入 {folder}：{reason}</translation>
    </message>
    <message>
        <source>The backup {path} cannot be restored: {reason}</source>
        <translation>备份 {path} 无法恢复：{reason}</translation>
    </message>
    <message>
        <source>The backup {path} has no key file beside it ({key}). Without it the members&apos; ID numbers and the card secret cannot be read: copy the key file made with the backup beside it.</source>
        <translation>备份 {path} 旁边没有密钥文件（{key}）。没有它就无法读取会员的身份证号和卡密钥：请把与备份一同生成的密钥文件复制到它旁边。</translation>
    </message>
    <message>
        <source>The settings file {file} is wrong at {key}: {problem}</source>
        <translation>设置文件 {file} 的 {key} 有误：{problem}</translation>
    </message>
    <message>
        <source>The device settings have a mistake at {field}. Nothing was saved.</source>
        <translation>设备设置中 {field} 有错误，未保存任何内容。</translation>
    </message>
    <message>
        <source>The devices file {location} could not be written ({reason}). Nothing was saved.</source>
        <translation>无法写入设备文件 {location}（{reason}），未保存任何内容。</translation>
    </message>
    <message>
        <source>This till was started without a devices file (the demo): device settings cannot be saved here.</source>
        <translation>本收银台启动时没有设备文件（演示模式）：这里不能保存设备设置。</translation>
    </message>
    <message>
        <source>The devices file {file} has mistakes. Choose the devices again and save.</source>
        <translation>设备文件 {file} 有错误。请重新选择设备并保存。</translation>
    </message>
    <message>
        <source>USB printers need the libusb library, which is not on this computer. Install libusb-1.0, or print through the printer&apos;s Windows queue.</source>
        <translation>USB 打印机需要 libusb 库，本电脑上没有安装。请安装 libusb-1.0，或通过打印机的 Windows 打印队列打印。</translation>
    </message>
    <message>
        <source>The device could not be tried ({reason}). Call support.</source>
        <translation>无法测试该设备（{reason}）。请联系技术支持。</translation>
    </message>
    <message>
        <source>Head office could not be asked where this till stood ({reason}). The till asks again at its next sync, before it sends anything.</source>
        <translation>无法向总部查询本收银台的进度（{reason}）。收银台会在下次同步、发送任何数据之前再次查询。</translation>
    </message>
    <message>
        <source>A card number (13 to 19 digits) cannot be kept here. Remove it; for a card payment type the reference printed on the slip.</source>
        <translation>此处不能填写卡号（13至19位数字），请删除；刷卡付款请填写签购单上打印的参考号。</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>{rate} off</source>
        <translation>{rate}</translation>
    </message>
</context>
<context>
    <name>office</name>
    <message>
        <source>Application form</source>
        <translation>会员申请表</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Gifts and vouchers</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>Lucky draw</source>
        <translation>幸运抽奖</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>会员活动</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员查询</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>导入导出</translation>
    </message>
    <message>
        <source>Daily points report</source>
        <translation>每日积分报表</translation>
    </message>
    <message>
        <source>Z-report and day close</source>
        <translation>日结报表与日结</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>会员分析</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Staff and roles</source>
        <translation>员工与角色</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>pack</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>at sign-up</source>
        <translation>入会即得</translation>
    </message>
    <message>
        <source>any purchase</source>
        <translation>任意消费</translation>
    </message>
    <message>
        <source>one sale ≥ {amount}</source>
        <translation>单笔消费 ≥ {amount}</translation>
    </message>
    <message>
        <source>≥ {amount} in {months} months</source>
        <translation>{months} 个月内累计 ≥ {amount}</translation>
    </message>
    <message>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <source>never lost</source>
        <translation>永不降级</translation>
    </message>
    <message>
        <source>{amount} a year</source>
        <translation>每年 {amount}</translation>
    </message>
    <message>
        <source>on {days} different days</source>
        <translation>且消费 {days} 天以上</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>升级条件</translation>
    </message>
    <message>
        <source>Keeps it with</source>
        <translation>保级条件</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Free spins a day</source>
        <translation>每日免费抽奖次数</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Regular price</source>
        <translation>正价</translation>
    </message>
    <message>
        <source>Special price</source>
        <translation>特价</translation>
    </message>
    <message>
        <source>New arrival</source>
        <translation>新品</translation>
    </message>
    <message>
        <source>Group-buy</source>
        <translation>团购</translation>
    </message>
    <message>
        <source>No discount</source>
        <translation>不打折</translation>
    </message>
    <message>
        <source>No points</source>
        <translation>不积分</translation>
    </message>
    <message>
        <source>on the day</source>
        <translation>当天</translation>
    </message>
    <message>
        <source>all month</source>
        <translation>整月</translation>
    </message>
    <message>
        <source>31 December of the next year</source>
        <translation>次年 12 月 31 日</translation>
    </message>
    <message>
        <source>31 December of the same year</source>
        <translation>当年 12 月 31 日</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>Points per yuan</source>
        <translation>每元积分</translation>
    </message>
    <message>
        <source>Basket ladder</source>
        <translation>单笔金额阶梯</translation>
    </message>
    <message>
        <source>Double-points days</source>
        <translation>多倍积分日</translation>
    </message>
    <message>
        <source>Multipliers together</source>
        <translation>多个倍数同时满足时</translation>
    </message>
    <message>
        <source>highest only</source>
        <translation>只取最高</translation>
    </message>
    <message>
        <source>multiplied</source>
        <translation>相乘</translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation>奖励积分</translation>
    </message>
    <message>
        <source>referral {referral}, sharing {share}, review {review}, event check-in {checkin}</source>
        <translation>推荐 {referral}，分享 {share}，评价 {review}，活动签到 {checkin}</translation>
    </message>
    <message>
        <source>Points as cash</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>{points} points = {amount}</source>
        <translation>{points} 积分 = {amount}</translation>
    </message>
    <message>
        <source>Vouchers for points</source>
        <translation>积分换代金券</translation>
    </message>
    <message>
        <source>Gifts cost</source>
        <translation>礼品积分价</translation>
    </message>
    <message>
        <source>{rate} points per yuan of cost</source>
        <translation>成本每元 {rate} 积分</translation>
    </message>
    <message>
        <source>Points expire</source>
        <translation>积分到期</translation>
    </message>
    <message>
        <source>Expiry warning</source>
        <translation>到期提醒</translation>
    </message>
    <message>
        <source>{days} days ahead</source>
        <translation>提前 {days} 天</translation>
    </message>
    <message>
        <source>{amount}: {rate} for {days} days</source>
        <translation>{amount}：{rate}，{days} 天</translation>
    </message>
    <message>
        <source>Top-up bonus</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <source>Deposit discounts</source>
        <translation>储值折扣</translation>
    </message>
    <message>
        <source>Member PIN above</source>
        <translation>超过此金额需会员密码</translation>
    </message>
    <message>
        <source>Smallest top-up</source>
        <translation>最低储值金额</translation>
    </message>
    <message>
        <source>Top-ups confirmed above</source>
        <translation>超过此金额的充值须确认</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>gift {sku}</source>
        <translation>赠品 {sku}</translation>
    </message>
    <message>
        <source>{days} days from issue</source>
        <translation>发放后 {days} 天</translation>
    </message>
    <message>
        <source>to the same day {months} month(s) on</source>
        <translation>自发放日起 {months} 个月（至次月同日）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>On sign-up</source>
        <translation>入会时</translation>
    </message>
    <message>
        <source>At event check-in</source>
        <translation>活动签到时</translation>
    </message>
    <message>
        <source>Spend and get</source>
        <translation>满额送券</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Minimum spend</source>
        <translation>最低消费</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Stacks</source>
        <translation>可叠加</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不抹零</translation>
    </message>
    <message>
        <source>down to the jiao</source>
        <translation>抹到角</translation>
    </message>
    <message>
        <source>down to the yuan</source>
        <translation>抹到元</translation>
    </message>
    <message>
        <source>Member discount on</source>
        <translation>会员折扣适用于</translation>
    </message>
    <message>
        <source>Needs the card</source>
        <translation>须出示会员卡</translation>
    </message>
    <message>
        <source>Discount on campaign prices</source>
        <translation>活动价再打折（折上折）</translation>
    </message>
    <message>
        <source>Store-wide discounts</source>
        <translation>全场折扣</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Cashier&apos;s own discount up to</source>
        <translation>收银员自主折扣上限</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>定价</translation>
    </message>
    <message>
        <source>Card numbers start</source>
        <translation>卡号开头</translation>
    </message>
    <message>
        <source>Stripe valid for</source>
        <translation>磁条有效期</translation>
    </message>
    <message>
        <source>{years} years</source>
        <translation>{years} 年</translation>
    </message>
    <message>
        <source>Phone QR valid for</source>
        <translation>手机动态码有效期</translation>
    </message>
    <message>
        <source>{seconds} seconds</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>Card alert after</source>
        <translation>刷卡预警阈值</translation>
    </message>
    <message>
        <source>{count} sales in a day</source>
        <translation>单日 {count} 笔</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>会员卡</translation>
    </message>
</context>
<context>
    <name>points_report</name>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>奖励积分</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>手工调整</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Imported, other</source>
        <translation>导入及其他</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Reading anniversaries and members per tier</source>
        <translation>正在读取等级周年日和各等级人数</translation>
    </message>
    <message>
        <source>Copying the store and running the scenario twice</source>
        <translation>正在复制门店数据并运行两次场景</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>正在读取文件</translation>
    </message>
    <message>
        <source>Checking every row</source>
        <translation>正在检查每一行</translation>
    </message>
    <message>
        <source>Importing members</source>
        <translation>正在导入会员</translation>
    </message>
    <message>
        <source>Writing the segment</source>
        <translation>正在写出会员分组</translation>
    </message>
    <message>
        <source>Reading the day&apos;s figures</source>
        <translation>正在读取当日数据</translation>
    </message>
    <message>
        <source>Expiring points and coupons, reviewing tiers</source>
        <translation>正在处理积分和优惠券过期、审核会员等级</translation>
    </message>
    <message>
        <source>Backing up the store database</source>
        <translation>正在备份门店数据库</translation>
    </message>
    <message>
        <source>Checking every entry&apos;s link</source>
        <translation>正在校验每条记录的链接</translation>
    </message>
    <message>
        <source>Writing the entries</source>
        <translation>正在写出记录</translation>
    </message>
    <message>
        <source>Reading every member&apos;s purchases</source>
        <translation>正在读取每位会员的消费</translation>
    </message>
    <message>
        <source>Counting bands and segments</source>
        <translation>正在统计区间和分组</translation>
    </message>
    <message>
        <source>Reading the points ledger</source>
        <translation>正在读取积分明细</translation>
    </message>
</context>
<context>
    <name>prompt</name>
    <message>
        <source>Esc Back</source>
        <translation>Esc 返回</translation>
    </message>
    <message>
        <source>Enter OK</source>
        <translation>回车 确定</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>this key is not known (a typing mistake?)</source>
        <translation>无法识别此键（是否拼写错误？）</translation>
    </message>
    <message>
        <source>this key is required</source>
        <translation>缺少此必填键</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be a number in quotes, e.g. &quot;0.85&quot;</source>
        <translation>必须是带引号的数字，例如 &quot;0.85&quot;</translation>
    </message>
    <message>
        <source>must be text in quotes</source>
        <translation>必须是带引号的文字</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a date, e.g. 2025-05-06</source>
        <translation>必须是日期，例如 2025-05-06</translation>
    </message>
    <message>
        <source>the value is out of range</source>
        <translation>数值超出范围</translation>
    </message>
    <message>
        <source>must be one of the allowed words</source>
        <translation>必须是允许的取值之一</translation>
    </message>
    <message>
        <source>must rise from one entry to the next</source>
        <translation>必须逐项递增</translation>
    </message>
    <message>
        <source>the same name appears twice</source>
        <translation>同一名称出现了两次</translation>
    </message>
    <message>
        <source>not a product class</source>
        <translation>不是有效的商品类别</translation>
    </message>
    <message>
        <source>no tier has this name</source>
        <translation>没有此名称的等级</translation>
    </message>
    <message>
        <source>no coupon template has this code</source>
        <translation>没有此代码的优惠券模板</translation>
    </message>
    <message>
        <source>give valid_days or valid_from and valid_to</source>
        <translation>请填写 valid_days，或 valid_from 与 valid_to</translation>
    </message>
    <message>
        <source>give valid_days or the dates, not both</source>
        <translation>只能填写 valid_days 或起止日期其中之一</translation>
    </message>
    <message>
        <source>ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>the file is not valid TOML</source>
        <translation>文件不是有效的 TOML</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>Built-in: one member&apos;s baskets and a top-up today</source>
        <translation>内置：一位会员今天的几笔消费和一次储值</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>What</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Sign-up</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation>奖励积分</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>积分调整</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>积分换券</translation>
    </message>
    <message>
        <source>Wallet closed</source>
        <translation>储值清户</translation>
    </message>
    <message>
        <source>Day close</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>refused: {code}</source>
        <translation>被拒绝：{code}</translation>
    </message>
    <message>
        <source>bonus {amount}</source>
        <translation>赠送 {amount}</translation>
    </message>
</context>
<context>
    <name>shift</name>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Cash float in the drawer (yuan):</source>
        <translation>钱箱备用金（元）：</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Cash counted in the drawer (yuan):</source>
        <translation>钱箱实点现金（元）：</translation>
    </message>
</context>
<context>
    <name>staff</name>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Ring sales and returns at the till</source>
        <translation>在收银台收款和退货</translation>
    </message>
    <message>
        <source>Log in to the back office</source>
        <translation>登录后台</translation>
    </message>
    <message>
        <source>Sign members up</source>
        <translation>注册会员</translation>
    </message>
    <message>
        <source>Approve overrides with their own PIN</source>
        <translation>用本人密码授权越权操作</translation>
    </message>
    <message>
        <source>Adjust a member&apos;s points</source>
        <translation>调整会员积分</translation>
    </message>
    <message>
        <source>Switch the store&apos;s rule pack</source>
        <translation>切换门店规则包</translation>
    </message>
    <message>
        <source>Set up the till&apos;s devices</source>
        <translation>设置收银台的设备</translation>
    </message>
    <message>
        <source>Add, reset, switch off cashier and front-desk accounts</source>
        <translation>添加、重置、停用收银员和前台账号</translation>
    </message>
    <message>
        <source>Add, reset, switch off managers and administrators</source>
        <translation>添加、重置、停用店长和管理员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>{card} (staff card)</source>
        <translation>{card}（员工卡）</translation>
    </message>
    <message>
        <source>Open the page “{page}”</source>
        <translation>打开页面“{page}”</translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation>员工卡</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Esc Cancel</source>
        <translation>Esc 取消</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>完成当前批次后停止…</translation>
    </message>
    <message>
        <source>Stopped. What was finished before the stop is kept; running it again carries on from there.</source>
        <translation>已停止。停止前已完成的部分会保留；再次运行会从停下的地方继续。</translation>
    </message>
    <message>
        <source>Wait until “{task}” has finished, then try again.</source>
        <translation>请等“{task}”完成后再试。</translation>
    </message>
</context>
<context>
    <name>tiers</name>
    <message>
        <source>Sign-up</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>Upgrade at a sale</source>
        <translation>消费升级</translation>
    </message>
    <message>
        <source>Kept at the anniversary</source>
        <translation>周年复核保级</translation>
    </message>
    <message>
        <source>Lowered at the anniversary</source>
        <translation>周年复核降级</translation>
    </message>
    <message>
        <source>Set by a manager</source>
        <translation>店长调整</translation>
    </message>
    <message>
        <source>Set back by a void</source>
        <translation>作废单恢复等级</translation>
    </message>
    <message>
        <source>Set back by a return</source>
        <translation>退货后恢复等级</translation>
    </message>
</context>
</TS>
