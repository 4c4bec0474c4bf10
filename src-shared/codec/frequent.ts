/**
 * Characters frequent in running text, used only to tell real text from
 * mojibake (detect.ts): bytes of one encoding read as another still give
 * valid characters, but rarely frequent ones. Not meant to be complete.
 */

/** About 500 of the most frequent Chinese characters, simplified, with the traditional forms that differ. */
const HANZI =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴具存底温度号码数据发送接收端口服务器客户错误成功连接断开请稍候谢谢您好吗呀啊吧哦嗯' +
  '們這個來說國時會為學對後麼過還發開見經頭長現樣動兩點裡種話兒問機給幾業間實條東氣關內車門處總場師書員報馬張難數電無聽讀語產軍應將與愛讓認寫識記邊風戰覺題統請麗鄉農術結場網連線錯誤務伺服器戶稱臺灣溫碼據傳斷謝嗎啊';

/** About 200 of the most frequent Hangul syllables. */
const HANGUL =
  '이다는의에하고을가로기서지한사자리도어나인대수일보있정시아부해게요니라들것으여주문적전상오스만제그성구장과소우마원경화동안녕세요를은저우리데면거내년위신연생그러중없때까무말모비계방실회물간학교결국민현발관분점미다음선통공용이번드합니까입니다했습니다된되었습니다알았습니다감사합니다';

export const FREQUENT_CJK: ReadonlySet<string> = new Set([...HANZI, ...HANGUL]);
