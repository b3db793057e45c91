//! Errors in Arabic, as the page shows them: every API error carries
//! `message_ar` beside its English `message`. Names, values and paths
//! quoted from the request stay as they were given, isolated so that
//! right-to-left text around them cannot reorder them.

use axum::http::StatusCode;

use crate::error::Error;

pub(super) use crate::note::isolated;

/// A library error in Arabic. Errors of the server's own files (an index
/// damaged, locked, missing) are the archivist's to mend, so the reader
/// is told that, with the English detail beside it on the page.
pub(super) fn error(error: &Error) -> String {
    match error {
        Error::UnknownName { what, given, .. } => {
            let what = match *what {
                "facet" => "وجهًا للتصنيف",
                "field" => "حقلًا",
                _ => "اسمًا معروفًا",
            };
            format!("«{}» ليس {what} مما يعرفه الفهرس", isolated(given))
        }
        Error::UnreadableFilter { filter } => {
            format!("تعذّرت قراءة المرشِّح {}، ولم يُعدّ بدونه لئلا يُعدّ أكثر مما طُلب", isolated(filter))
        }
        Error::TooManyPeriods { periods, from, to } => format!(
            "{periods} فترة بين {} و{}: أكثر مما يُعرض؛ اختر فترة أطول أو مدّة أقصر",
            isolated(from),
            isolated(to)
        ),
        Error::CannotSplitBy { .. } => {
            "يُقسم الخط الزمني حسب المصدر أو التصنيف، لا حسب السنة".to_string()
        }
        Error::NeedsFahrasAnalyzer { .. } => {
            "هذا الفهرس بُني بمحلّل غير محلّل فهرس، فلا جذوع فيه ولا صيغ دقيقة لهذا العرض؛ \
             يعيد بناءه أمر fahras reindex --analyzer fahras"
                .to_string()
        }
        Error::Unavailable(_) => {
            "تعذّر فتح الفهرس الآن (لم يُبنَ بعد، أو يُستبدل، أو بنته نسخة أخرى)؛ أعد المحاولة بعد قليل"
                .to_string()
        }
        Error::Cancelled => "أُلغي الطلب قبل أن يتم".to_string(),
        Error::ReplacedWhileOpening { .. } => "استُبدل الفهرس أثناء فتحه؛ أعد المحاولة".to_string(),
        Error::Invalid(_) | Error::BadLine { .. } => "الطلب غير صالح".to_string(),
        _ => "خطأ في ملفات الفهرس على الخادم؛ على من يدير الأرشيف إصلاحه".to_string(),
    }
}

/// What an answer of `status` means, when nothing more precise was said.
pub(super) fn status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "الطلب غير صالح",
        StatusCode::NOT_FOUND => "لا يوجد هنا ما طُلب",
        StatusCode::TOO_MANY_REQUESTS => "الخادم مشغول بطلبات مثل هذا؛ أعد المحاولة بعد قليل",
        StatusCode::SERVICE_UNAVAILABLE => "الخادم لا يستطيع الإجابة الآن؛ أعد المحاولة بعد قليل",
        _ => "خطأ داخل الخادم",
    }
}

/// The time limit passed.
pub(super) fn too_slow(seconds: f64) -> String {
    format!(
        "استغرق الطلب أكثر من حدّ الخادم ({seconds} ث)؛ اطلب أقل: استعلامًا أضيق، أو أسطرًا أقل، أو مدّة أقصر"
    )
}

/// A `from` or `to` that is not a date.
pub(super) fn not_a_date(text: &str) -> String {
    let forms: Vec<String> = ["2017", "2017-06", "2017-06-05", "1439h", "1439-09h"]
        .iter()
        .map(|f| isolated(f))
        .collect();
    format!(
        "«{}» ليس تاريخًا؛ اكتب {} أو {} أو {}، أو تاريخًا هجريًا مثل {} أو {}",
        isolated(text),
        forms[0],
        forms[1],
        forms[2],
        forms[3],
        forms[4]
    )
}

/// A text over the length the server takes.
pub(super) fn too_long(bytes: usize, limit: usize) -> String {
    format!("النص طويل: {bytes} بايت، والحدّ {limit}")
}
