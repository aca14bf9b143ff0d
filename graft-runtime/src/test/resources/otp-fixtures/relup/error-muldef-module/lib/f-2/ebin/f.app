{application,f,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['f.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
